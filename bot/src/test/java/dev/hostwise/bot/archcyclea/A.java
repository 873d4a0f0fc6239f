package dev.hostwise.bot.archcyclea;

/** One half of a package cycle: what {@code ArchitectureTest} must refuse. */
public final class A {

    public int b(dev.hostwise.bot.archcycleb.B b) {
        return b.hashCode();
    }
}
