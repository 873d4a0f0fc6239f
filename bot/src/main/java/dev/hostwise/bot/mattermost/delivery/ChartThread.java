package dev.hostwise.bot.mattermost.delivery;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hostwise.bot.mattermost.api.ApiResult;
import dev.hostwise.bot.mattermost.api.MattermostApi;
import dev.hostwise.bot.mattermost.api.Multipart;
import dev.hostwise.bot.render.charts.VerdictCharts;
import dev.hostwise.rules.Verdict;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts a verdict's two charts (break-even and tornado, PNG) into its thread: both files are uploaded with
 * one {@code POST /api/v4/files} (multipart: {@code channel_id}, then a {@code files} part per file;
 * api/v4/source/files.yaml, answered 201 with {@code file_infos}), then attached to a reply with
 * {@code root_id} set to the verdict's post and {@code file_ids} (at most 5 per post; api/v4/source/posts.yaml).
 * A failed upload is logged with the verdict ID; the verdict itself is already in the channel.
 */
public final class ChartThread implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ChartThread.class);
    /** Charts waiting to be drawn; past this, a burst's charts are skipped rather than slowing verdicts down. */
    private static final int QUEUE = 8;
    /** Drawing costs ~100 ms of CPU: at most one verdict's charts per interval, so charts never crowd out decisions. */
    static final Duration MIN_INTERVAL = Duration.ofMillis(500);

    private final MattermostApi api;
    private final VerdictCharts charts = new VerdictCharts();
    private final ThreadPoolExecutor drawing = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, new ArrayBlockingQueue<>(QUEUE), r -> {
        Thread t = new Thread(r, "hostwise-mattermost-charts");
        t.setDaemon(true);
        t.setPriority(Thread.MIN_PRIORITY);
        return t;
    });
    private final AtomicLong lastAccepted = new AtomicLong(Long.MIN_VALUE / 2);
    private volatile boolean closed;

    public ChartThread(MattermostApi api) {
        this.api = api;
    }

    /** Queues the charts for the verdict's thread; false when they were skipped because too many are waiting. */
    public boolean offer(String channel, String rootPost, Verdict v) {
        long now = System.nanoTime();
        long last = lastAccepted.get();
        if (now - last < MIN_INTERVAL.toNanos() || !lastAccepted.compareAndSet(last, now)) {
            LOG.debug("charts for verdict {} skipped: charts were drawn less than {} ms ago", v.id(), MIN_INTERVAL.toMillis());
            return false;
        }
        try {
            drawing.execute(() -> upload(channel, rootPost, v));
            return true;
        } catch (RejectedExecutionException e) {
            LOG.debug("charts for verdict {} skipped: {} charts are already waiting to be drawn", v.id(), QUEUE);
            return false;
        }
    }

    boolean upload(String channel, String rootPost, Verdict v) {
        try {
            Multipart form = new Multipart().field("channel_id", channel)
                    .file("files", v.id() + "-break-even.png", "image/png", charts.breakEvenPng(v));
            // every verdict decided today has a sensitivity analysis; an older one has only the break-even chart
            charts.tornadoPng(v).ifPresent(png -> form.file("files", v.id() + "-tornado.png", "image/png", png));
            ApiResult uploaded = api.upload("/api/v4/files", "the charts of " + v.id(), form);
            if (!uploaded.ok()) {
                return failed(v.id(), uploaded.problem());
            }
            List<String> ids = new ArrayList<>();
            for (JsonNode info : uploaded.body().path("file_infos")) {
                ids.add(info.path("id").asText());
            }
            if (ids.isEmpty()) {
                return failed(v.id(), "Mattermost stored no file");
            }
            Map<String, Object> post = new LinkedHashMap<>();
            post.put("channel_id", channel);
            post.put("root_id", rootPost);
            post.put("message", "Charts for " + v.id() + ": cost per day against volume (hosted API against self-hosting, "
                    + "with the break-even and your volume marked), and what moves the saving most.");
            post.put("file_ids", ids);
            ApiResult posted = api.post("/api/v4/posts", "the charts of " + v.id(), post);
            return posted.ok() || failed(v.id(), posted.problem());
        } catch (RuntimeException e) {
            return failed(v.id(), e.toString());
        }
    }

    private boolean failed(String verdictId, String why) {
        if (closed) {
            LOG.debug("charts for verdict {} were not posted while the app was stopping: {}", verdictId, why);
        } else {
            LOG.warn("charts for verdict {} were not posted: {}", verdictId, why);
        }
        return false;
    }

    @Override
    public void close() {
        closed = true;
        drawing.shutdownNow();
        try {
            drawing.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
