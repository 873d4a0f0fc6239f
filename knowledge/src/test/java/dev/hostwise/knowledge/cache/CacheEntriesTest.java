package dev.hostwise.knowledge.cache;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The cache directory's entries: read back only whole and only for their own key; each kind keeps its own newest. */
class CacheEntriesTest {

    @TempDir
    Path dir;

    @Test
    void anEntryIsReadBackWholeForItsKeyAndForNoOther() throws IOException {
        CacheEntries entries = new CacheEntries(dir, "policy");
        entries.write("rules=a", bytes("compiled a"));

        assertThat(((CacheEntries.Lookup.Hit) entries.read("rules=a")).payload()).isEqualTo(bytes("compiled a"));
        assertThat(entries.read("rules=b")).isInstanceOf(CacheEntries.Lookup.Absent.class);

        // the file of one key copied over another key's name is refused by the key it carries
        Files.copy(entries.fileFor("rules=a"), entries.fileFor("rules=b"));
        assertThat(entries.read("rules=b")).isInstanceOfSatisfying(CacheEntries.Lookup.Unsound.class,
                u -> assertThat(u.why()).contains("another input").contains("rules=a"));
    }

    @Test
    void aDamagedEntryIsUnsoundAndSaysWhy() throws IOException {
        CacheEntries entries = new CacheEntries(dir, "catalog");
        entries.write("catalog=1", bytes("x".repeat(500)));
        Path file = entries.fileFor("catalog=1");
        byte[] sound = Files.readAllBytes(file);

        byte[] flipped = sound.clone();
        flipped[flipped.length - 10] ^= 1;
        Files.write(file, flipped);
        assertThat(entries.read("catalog=1")).isInstanceOfSatisfying(CacheEntries.Lookup.Unsound.class,
                u -> assertThat(u.why()).isEqualTo("checksum mismatch"));

        Files.write(file, java.util.Arrays.copyOf(sound, sound.length - 1));
        assertThat(entries.read("catalog=1")).isInstanceOfSatisfying(CacheEntries.Lookup.Unsound.class,
                u -> assertThat(u.why()).contains("truncated"));

        Files.write(file, bytes("not an entry at all"));
        assertThat(entries.read("catalog=1")).isInstanceOfSatisfying(CacheEntries.Lookup.Unsound.class,
                u -> assertThat(u.why()).contains("not a cache entry"));
    }

    @Test
    void eachKindKeepsItsOwnNewestEntries() throws IOException {
        CacheEntries catalogs = new CacheEntries(dir, "catalog");
        CacheEntries revisions = new CacheEntries(dir, "catalog-revision");
        revisions.write("bundled", bytes("abc"));
        for (int i = 0; i < CacheEntries.KEPT_PER_KIND + 3; i++) {
            catalogs.write("catalog=" + i, bytes("catalog " + i));
            // modification times one second apart, so "oldest" is well defined on any file system
            Files.setLastModifiedTime(catalogs.fileFor("catalog=" + i), java.nio.file.attribute.FileTime.fromMillis(1_000_000L * (i + 1)));
        }

        assertThat(dir.toFile().list((d, n) -> n.endsWith(".catalog"))).hasSize(CacheEntries.KEPT_PER_KIND);
        assertThat(catalogs.read("catalog=0")).isInstanceOf(CacheEntries.Lookup.Absent.class);
        assertThat(catalogs.read("catalog=" + (CacheEntries.KEPT_PER_KIND + 2))).isInstanceOf(CacheEntries.Lookup.Hit.class);
        assertThat(revisions.read("bundled")).as("another kind is not pruned").isInstanceOf(CacheEntries.Lookup.Hit.class);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aTemporaryFileLeftByAProcessThatEndedMidWriteIsRemovedOnceItIsOld() throws IOException {
        CacheEntries entries = new CacheEntries(dir, "catalog");
        Files.createDirectories(dir);
        Path abandoned = Files.writeString(dir.resolve("catalog-123.tmp"), "half an entry");
        Files.setLastModifiedTime(abandoned, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() - 3_600_000));
        Path inProgress = Files.writeString(dir.resolve("catalog-456.tmp"), "another process writing now");

        entries.write("catalog=1", bytes("x"));

        assertThat(abandoned).doesNotExist();
        assertThat(inProgress).as("a write that may still be going on is left alone").exists();
    }
}
