package dev.hostwise.bot.archcycleb;

/** The other half of a package cycle. */
public final class B {

    public int a(dev.hostwise.bot.archcyclea.A a) {
        return a.hashCode();
    }
}
