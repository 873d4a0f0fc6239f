package org.example;

import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.Serializable;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Stands for a deserialisation gadget outside the classes a compiled policy is made of: the policy
 * cache must refuse to instantiate it, whatever the entry's checksum says.
 */
public final class Gadget implements Serializable {

    private static final long serialVersionUID = 1L;

    /** How many times a Gadget was brought back to life from bytes. */
    public static final AtomicInteger READ = new AtomicInteger();

    private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
        in.defaultReadObject();
        READ.incrementAndGet();
    }
}
