package dev.hostwise.knowledge.cache;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InvalidClassException;
import java.io.StreamCorruptedException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Writes a tree of records (with strings, boxed numbers, booleans, enums, dates, optionals, lists and maps) as bytes, and
 * reads it back through each record's canonical constructor, so every check a record makes on its values runs
 * again. It exists for the cache of parsed catalogs: Java serialisation read the same catalog back in 0.22–0.24 s
 * in a fresh JVM, most of it building method handles for each record class, and this reads it in 0.08–0.11 s
 * (BENCHMARKS.md, "Third pass"), time every {@code decide} spends before it can read its input. The compiled-policy
 * cache keeps the bundled rules' text and each rule's description with it too.
 *
 * <p>Only records and enums whose class names start with the prefix the reader is given are made, and only
 * through their constructors: an entry naming any other class is refused before that class is initialised.
 * Lists and maps come back unmodifiable, in the order they were written.
 */
public final class RecordCodec {

    /** What the next value is; written as its ordinal, so new kinds go at the end. */
    private enum Kind {
        NULL, STRING, INT, LONG, DOUBLE, BOOLEAN, ENUM, DATE, LIST, MAP, RECORD, OPTIONAL
    }

    private static final List<Kind> KINDS = List.of(Kind.values());

    private RecordCodec() {
    }

    /** @throws IOException naming a value of a kind the codec does not write */
    public static byte[] encode(Object value) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        new Writer(out).write(value);
        out.flush();
        return bytes.toByteArray();
    }

    /**
     * @param allowedPrefix the start of every class name the bytes may make, e.g. {@code dev.hostwise.knowledge.}
     * @throws IOException for bytes that are not a whole value, or that name a class outside the prefix
     */
    public static Object decode(byte[] bytes, String allowedPrefix) throws IOException {
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes));
        Object value = new Reader(in, allowedPrefix).read();
        if (in.read() != -1) {
            throw new StreamCorruptedException("bytes after the value");
        }
        return value;
    }

    private static final class Writer {
        private final DataOutputStream out;
        private final Map<Class<?>, Integer> classes = new HashMap<>();

        Writer(DataOutputStream out) {
            this.out = out;
        }

        void write(Object value) throws IOException {
            if (value == null) {
                kind(Kind.NULL);
            } else if (value instanceof String s) {
                kind(Kind.STRING);
                text(s);
            } else if (value instanceof Integer i) {
                kind(Kind.INT);
                out.writeInt(i);
            } else if (value instanceof Long l) {
                kind(Kind.LONG);
                out.writeLong(l);
            } else if (value instanceof Double d) {
                kind(Kind.DOUBLE);
                out.writeDouble(d);
            } else if (value instanceof Boolean b) {
                kind(Kind.BOOLEAN);
                out.writeBoolean(b);
            } else if (value instanceof Enum<?> e) {
                kind(Kind.ENUM);
                type(e.getDeclaringClass());
                out.writeInt(e.ordinal());
            } else if (value instanceof LocalDate d) {
                kind(Kind.DATE);
                out.writeLong(d.toEpochDay());
            } else if (value instanceof List<?> list) {
                kind(Kind.LIST);
                out.writeInt(list.size());
                for (Object item : list) {
                    write(item);
                }
            } else if (value instanceof Map<?, ?> map) {
                kind(Kind.MAP);
                out.writeInt(map.size());
                for (Map.Entry<?, ?> e : map.entrySet()) {
                    write(e.getKey());
                    write(e.getValue());
                }
            } else if (value instanceof Optional<?> optional) {
                kind(Kind.OPTIONAL);
                write(optional.orElse(null));
            } else if (value.getClass().isRecord()) {
                kind(Kind.RECORD);
                type(value.getClass());
                for (RecordComponent c : value.getClass().getRecordComponents()) {
                    write(component(c, value));
                }
            } else {
                throw new IOException("cannot write a " + value.getClass().getName());
            }
        }

        private void kind(Kind kind) throws IOException {
            out.writeByte(kind.ordinal());
        }

        private static Object component(RecordComponent c, Object record) throws IOException {
            Method accessor = c.getAccessor();
            accessor.setAccessible(true);
            try {
                return accessor.invoke(record);
            } catch (ReflectiveOperationException e) {
                throw new IOException("cannot read " + c.getName() + " of a " + record.getClass().getName(), e);
            }
        }

        /** A class by name the first time, by its number after that. */
        private void type(Class<?> c) throws IOException {
            Integer known = classes.get(c);
            if (known != null) {
                out.writeInt(known);
                return;
            }
            out.writeInt(-1);
            out.writeUTF(c.getName());
            classes.put(c, classes.size());
        }

        private void text(String s) throws IOException {
            // writeUTF stops at 64 KB
            byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
            out.writeInt(bytes.length);
            out.write(bytes);
        }
    }

    private static final class Reader {
        private final DataInputStream in;
        private final String allowedPrefix;
        private final List<Class<?>> classes = new ArrayList<>();
        private final Map<Class<?>, Constructor<?>> constructors = new HashMap<>();

        Reader(DataInputStream in, String allowedPrefix) {
            this.in = in;
            this.allowedPrefix = allowedPrefix;
        }

        Object read() throws IOException {
            int tag = in.readUnsignedByte();
            if (tag >= KINDS.size()) {
                throw new StreamCorruptedException("unknown tag " + tag);
            }
            return switch (KINDS.get(tag)) {
                case NULL -> null;
                case STRING -> text();
                case INT -> in.readInt();
                case LONG -> in.readLong();
                case DOUBLE -> in.readDouble();
                case BOOLEAN -> in.readBoolean();
                case ENUM -> constant(type());
                case DATE -> LocalDate.ofEpochDay(in.readLong());
                case LIST -> {
                    int size = count();
                    List<Object> list = new ArrayList<>(size);
                    for (int i = 0; i < size; i++) {
                        list.add(read());
                    }
                    yield Collections.unmodifiableList(list);
                }
                case MAP -> {
                    int size = count();
                    Map<Object, Object> map = new LinkedHashMap<>();
                    for (int i = 0; i < size; i++) {
                        map.put(read(), read());
                    }
                    yield Collections.unmodifiableMap(map);
                }
                case RECORD -> record(type());
                case OPTIONAL -> Optional.ofNullable(read());
            };
        }

        private Object constant(Class<?> c) throws IOException {
            Object[] constants = c.getEnumConstants();
            if (constants == null) {
                throw new InvalidClassException(c.getName(), "not an enum");
            }
            int ordinal = in.readInt();
            if (ordinal < 0 || ordinal >= constants.length) {
                throw new StreamCorruptedException(c.getName() + " has no constant " + ordinal);
            }
            return constants[ordinal];
        }

        private Object record(Class<?> c) throws IOException {
            Constructor<?> canonical = constructors.get(c);
            if (canonical == null) {
                if (!c.isRecord()) {
                    throw new InvalidClassException(c.getName(), "not a record");
                }
                RecordComponent[] components = c.getRecordComponents();
                Class<?>[] types = new Class<?>[components.length];
                for (int i = 0; i < components.length; i++) {
                    types[i] = components[i].getType();
                }
                try {
                    canonical = c.getDeclaredConstructor(types);
                } catch (NoSuchMethodException e) {
                    throw new InvalidClassException(c.getName(), "no canonical constructor");
                }
                canonical.setAccessible(true);
                constructors.put(c, canonical);
            }
            Object[] values = new Object[canonical.getParameterCount()];
            for (int i = 0; i < values.length; i++) {
                values[i] = read();
            }
            try {
                return canonical.newInstance(values);
            } catch (ReflectiveOperationException | IllegalArgumentException e) {
                // a value of the wrong type, or one the record's own checks refuse
                throw new StreamCorruptedException("cannot make a " + c.getName() + ": " + e);
            }
        }

        private Class<?> type() throws IOException {
            int known = in.readInt();
            if (known >= 0) {
                if (known >= classes.size()) {
                    throw new StreamCorruptedException("no class numbered " + known);
                }
                return classes.get(known);
            }
            String name = in.readUTF();
            if (!name.startsWith(allowedPrefix)) {
                throw new InvalidClassException(name, "not a class this cache holds");
            }
            try {
                // not initialised here: only a record's constructor or an enum's constants do that, for an allowed class
                Class<?> c = Class.forName(name, false, RecordCodec.class.getClassLoader());
                classes.add(c);
                return c;
            } catch (ClassNotFoundException e) {
                throw new InvalidClassException(name, "no such class");
            }
        }

        private int count() throws IOException {
            int n = in.readInt();
            if (n < 0 || n > in.available()) {
                // each item takes at least one byte: a larger count is damage, not a reason to allocate
                throw new StreamCorruptedException("a count of " + n + " with " + in.available() + " bytes left");
            }
            return n;
        }

        private String text() throws IOException {
            int length = in.readInt();
            if (length < 0 || length > in.available()) {
                throw new StreamCorruptedException("a text of " + length + " bytes with " + in.available() + " left");
            }
            return new String(in.readNBytes(length), StandardCharsets.UTF_8);
        }
    }
}
