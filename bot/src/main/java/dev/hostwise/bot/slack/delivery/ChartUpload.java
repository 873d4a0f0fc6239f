package dev.hostwise.bot.slack.delivery;

import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.SlackApiException;
import com.slack.api.methods.request.files.FilesUploadV2Request.UploadFile;
import com.slack.api.methods.response.files.FilesUploadV2Response;
import dev.hostwise.bot.render.charts.VerdictCharts;
import dev.hostwise.rules.Verdict;
import java.io.IOException;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts the verdict's two charts (break-even and tornado, PNG) into the verdict message's thread with
 * {@code files.uploadV2}: the SDK gets an upload URL per file, uploads the bytes, and completes the
 * upload into the thread ({@code files.upload} has been retired). A failed upload is logged with the
 * verdict ID; the verdict itself is already in the channel.
 */
public final class ChartUpload implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ChartUpload.class);
    /** Charts waiting to be drawn; past this, a burst's charts are skipped rather than slowing verdicts down. */
    private static final int QUEUE = 8;
    /**
     * At most one verdict's charts per interval. Drawing takes ~100 ms of CPU, so on a 2-core machine
     * an unbounded stream of charts would take a whole core from deciding and acknowledging.
     */
    static final java.time.Duration MIN_INTERVAL = java.time.Duration.ofMillis(500);

    private final MethodsClient methods;
    private final VerdictCharts charts = new VerdictCharts();
    // drawing two charts costs ~100 ms of CPU: one low-priority thread of its own, so verdict
    // workers (and the acknowledgements waiting on them) never wait for a chart
    private final java.util.concurrent.ThreadPoolExecutor drawing = new java.util.concurrent.ThreadPoolExecutor(1, 1,
            0, java.util.concurrent.TimeUnit.SECONDS, new java.util.concurrent.ArrayBlockingQueue<>(QUEUE), r -> {
                Thread t = new Thread(r, "hostwise-charts");
                t.setDaemon(true);
                t.setPriority(Thread.MIN_PRIORITY);
                return t;
            });

    private final java.util.concurrent.atomic.AtomicLong lastAccepted = new java.util.concurrent.atomic.AtomicLong(Long.MIN_VALUE / 2);

    public ChartUpload(MethodsClient methods) {
        this.methods = methods;
    }

    /** Queues the charts for the verdict's thread; returns false when they were skipped because too many are waiting. */
    public boolean offer(String channel, String threadTs, Verdict v) {
        long now = System.nanoTime();
        long last = lastAccepted.get();
        if (now - last < MIN_INTERVAL.toNanos() || !lastAccepted.compareAndSet(last, now)) {
            LOG.debug("charts for verdict {} skipped: charts were drawn less than {} ms ago", v.id(), MIN_INTERVAL.toMillis());
            return false;
        }
        try {
            drawing.execute(() -> upload(channel, threadTs, v));
            return true;
        } catch (java.util.concurrent.RejectedExecutionException e) {
            LOG.debug("charts for verdict {} skipped: {} charts are already waiting to be drawn", v.id(), QUEUE);
            return false;
        }
    }

    /** Set once the app stops: an upload cut short by the shutdown is not worth a warning. */
    private volatile boolean closed;

    @Override
    public void close() {
        closed = true;
        drawing.shutdownNow();
        try {
            // an upload in flight finishes (or fails) before the Slack client it uses is closed
            drawing.awaitTermination(2, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void failed(String verdictId, String why) {
        if (closed) {
            LOG.debug("charts for verdict {} were not uploaded while the app was stopping: {}", verdictId, why);
        } else {
            LOG.warn("charts for verdict {} were not uploaded: {}", verdictId, why);
        }
    }

    boolean upload(String channel, String threadTs, Verdict v) {
        try {
            FilesUploadV2Response r = methods.filesUploadV2(req -> req
                    .channel(channel)
                    .threadTs(threadTs)
                    // files.info per file is not needed: the upload already landed in the thread
                    .requestFileInfo(false)
                    .initialComment("Charts for " + v.id() + ": cost per day against volume, and what moves the saving most.")
                    .uploadFiles(List.of(
                            UploadFile.builder().fileData(charts.breakEvenPng(v)).filename(v.id() + "-break-even.png")
                                    .title(v.id() + " break-even").altTxt("Cost per day against requests per day, "
                                            + "hosted API against self-hosting, with the break-even and your volume marked").build(),
                            // every verdict decided today has a sensitivity analysis
                            UploadFile.builder().fileData(charts.tornadoPng(v).orElseThrow()).filename(v.id() + "-tornado.png")
                                    .title(v.id() + " sensitivity").altTxt("Daily saving from self-hosting with each input "
                                            + "at half and one and a half times its value").build())));
            if (!r.isOk()) {
                failed(v.id(), "Slack said " + r.getError());
            }
            return r.isOk();
        } catch (IOException | SlackApiException | RuntimeException e) {
            // the SDK throws unchecked exceptions on answers it cannot use (e.g. no upload_url)
            // the SDK's own text for a failed upload carries the upload URLs and their tokens: never log it
            failed(v.id(), e instanceof com.slack.api.methods.SlackFilesUploadV2Exception
                    ? "Slack did not complete the upload" : e.toString());
            return false;
        }
    }
}
