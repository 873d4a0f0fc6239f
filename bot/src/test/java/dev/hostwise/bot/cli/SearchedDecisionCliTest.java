package dev.hostwise.bot.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hostwise.bot.Env;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line shows a configuration search: what was chosen, the runners-up, why the others lost, and the load test to run. */
class SearchedDecisionCliTest {

    @Test
    void theSearchAndTheLoadTestAreInTheText(@TempDir Path data) {
        CliRun run = CliRun.run(new Env(Map.of("HOSTWISE_DATA_DIR", data.toString())), null, "decide", "--requests-per-day",
                "2000000", "--open-model", "llama-3.3-70b", "--hosted-model", "gpt-4o", "--input-tokens", "900", "--output-tokens",
                "300", "--task", "CLASSIFICATION", "--quality", "GOOD_ENOUGH", "--privacy", "MUST_STAY_IN_HOUSE");
        assertThat(run.exitCode()).as(run.err()).isZero();
        String out = run.out();
        String search = out.substring(out.indexOf("\nConfiguration search\n"), out.indexOf("\nLoad test to run"));
        assertThat(search).contains("144 configurations of llama-3.3-70b searched", "  chosen\n    1 x b200 at FP4",
                "estimated ±23%", "  runners-up\n    2 x mi300x at FP8", "thin evidence, ±35%",
                "passed over: cheaper, but on thinner evidence", "why the others lost: out of memory 19");
        // three runners-up at least, each a line with $/day, replicas, batch and seconds per request
        assertThat(search.lines().filter(l -> l.matches("    \\d+ x \\S+ at \\S+ +\\$[\\d,.]+/day +\\d+ replicas +batch +\\d+ .*/request .*"))
                .count()).isGreaterThanOrEqualTo(4);
        assertThat(out).contains("$ vllm serve nvidia/Llama-3.3-70B-Instruct-FP4 --tensor-parallel-size 1",
                "--max-concurrency 135 --num-prompts 1350");
    }
}
