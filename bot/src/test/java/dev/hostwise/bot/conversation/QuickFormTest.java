package dev.hostwise.bot.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hostwise.bot.slack.blocks.SlackText;
import dev.hostwise.knowledge.FieldError;
import dev.hostwise.knowledge.ScenarioField;
import org.junit.jupiter.api.Test;

/** The one-line form: what a user types, and what they are told when it cannot be read. */
class QuickFormTest {

    @Test
    void theIssuesExampleReadsIntoScenarioFields() {
        QuickForm form = QuickForm.parse("50000/day task=classification quality=good_enough privacy=in_house tokens=800 gpu=1.2 rps=4 measured");

        assertThat(form.ok()).isTrue();
        assertThat(form.byJsonName()).containsExactly(
                java.util.Map.entry("requestsPerDay", "50000"),
                java.util.Map.entry("tokensPerRequest", "800"),
                java.util.Map.entry("gpuDollarsPerHour", "1.2"),
                java.util.Map.entry("requestsPerSecond", "4"),
                java.util.Map.entry("throughputMeasured", "true"),
                java.util.Map.entry("taskType", "classification"),
                java.util.Map.entry("qualityNeed", "good_enough"),
                java.util.Map.entry("privacyNeed", "in_house"));
    }

    @Test
    void everyFieldHasAKeyAndTheLongNamesWorkToo() {
        QuickForm form = QuickForm.parse("50k/day peak=3 input=900 output=300 model=gpt-4o price=0.002 input-price=2.5 "
                + "output-price=10 gpus=2 gpu-type=a100-80gb open-model=llama-2-70b util=45% ops=9000 "
                + "hosted=gpt-4o requestsPerSecond=6");

        assertThat(form.problems()).containsExactly("`hosted` is given twice; give it once.");
        assertThat(form.values()).containsEntry(ScenarioField.REQUESTS_PER_DAY, "50k")
                .containsEntry(ScenarioField.UTILIZATION, "45%")
                .containsEntry(ScenarioField.GPU_TYPE, "a100-80gb")
                .containsEntry(ScenarioField.REQUESTS_PER_SECOND, "6");
    }

    @Test
    void problemsNameTheWordAtFault() {
        QuickForm form = QuickForm.parse("50000/day taks=classification colour=blue whatever tokens=");

        assertThat(form.problems()).containsExactly(
                "`taks` is not a key I know; did you mean `task`?",
                "`colour` is not a key I know; the keys are " + QuickForm.keyList() + ".",
                "`whatever` is not something I understand: give the volume as `50000/day`, other inputs as `key=value`, or `measured`.",
                "`tokens` has no value: a whole number of tokens above 0, e.g. 1200.");
        assertThat(QuickForm.usage(form.problems())).startsWith("I couldn't read that:\n• `taks`")
                .contains("`/selfhost help` lists every key");
    }

    @Test
    void readerErrorsAreToldInTheFormsOwnKeys() {
        assertThat(QuickForm.problem(new FieldError("taskType", "'poetry' is not allowed: one of CLASSIFICATION")))
                .isEqualTo("`task`: 'poetry' is not allowed: one of CLASSIFICATION");
        assertThat(QuickForm.problem(new FieldError("requestsPerDay", "is required: a positive number of requests per day, e.g. 50000")))
                .isEqualTo("the volume (`NNN/day`) is required: a positive number of requests per day, e.g. 50000");
        assertThat(QuickForm.problem(new FieldError("outputTokens", "is needed too when inputTokens is given (they go together): a whole number")))
                .isEqualTo("`output` is needed too when `input` is given (they go together): a whole number");
        // whole words only: a longer word that starts with a field's name is left alone
        assertThat(QuickForm.problem(new FieldError("utilization", "is above 1; utilization, not utilizationPercent, is a fraction")))
                .isEqualTo("`util` is above 1; `util`, not utilizationPercent, is a fraction");
    }

    @Test
    void slackEscapingIsUndoneByTheSurfaceBeforeTheFormIsRead() {
        assertThat(QuickForm.parse(SlackText.unescape("50000/day task=rag&amp;x")).values()).containsEntry(ScenarioField.TASK_TYPE, "rag&x");
    }

    @Test
    void theScenariosJsonNamesWorkAsKeysForEveryFieldThatHasAKey() {
        QuickForm form = QuickForm.parse("requestsPerDay=50000 taskType=rag QUALITYNEED=good privacyNeed=none");
        assertThat(form.problems()).isEmpty();
        assertThat(form.byJsonName()).containsEntry("requestsPerDay", "50000").containsEntry("qualityNeed", "good");
    }

    @Test
    void everyKeyAliasAndJsonNameFindsItsFieldInAnyCaseButNoLookAlikeDoes() {
        for (dev.hostwise.knowledge.FieldMetadata m : dev.hostwise.knowledge.FieldMetadata.withQuickKeys()) {
            var k = m.quickKey().get();
            java.util.List<String> names = new java.util.ArrayList<>(java.util.List.of(m.field().json()));
            if (k.form() != dev.hostwise.knowledge.FieldMetadata.QuickKey.Form.PER_DAY) {
                names.add(k.key());
                k.alias().ifPresent(names::add);
            }
            for (String name : names) {
                for (String typed : java.util.List.of(name, name.toUpperCase(java.util.Locale.ROOT), name.substring(0, 1).toUpperCase(java.util.Locale.ROOT) + name.substring(1))) {
                    assertThat(QuickForm.byKey(typed)).as(typed).contains(m);
                }
            }
        }
        assertThat(QuickForm.byKey("prıce")).isEmpty();
        assertThat(QuickForm.byKey("meaſured")).isEmpty();
        assertThat(QuickForm.byKey("NNN/day")).isEmpty();
        assertThat(QuickForm.byKey("day")).isEmpty();
    }

    @Test
    void wordsAreSplitAtAnyWhitespaceAndTheVolumeTakesDOrDayInAnyCase() {
        QuickForm form = QuickForm.parse(" \t2e4/D\u000Btask=rag\n\fquality=good\r privacy=none\tMEASURED ");
        assertThat(form.problems()).isEmpty();
        assertThat(form.values()).containsEntry(ScenarioField.REQUESTS_PER_DAY, "2e4").containsEntry(ScenarioField.TASK_TYPE, "rag")
                .containsEntry(ScenarioField.THROUGHPUT_MEASURED, "true");
        assertThat(QuickForm.parse("50000/Day").values()).containsEntry(ScenarioField.REQUESTS_PER_DAY, "50000");
        // not a volume: nothing before the slash, or another unit
        assertThat(QuickForm.parse("/day 50000/week").problems()).hasSize(2);
    }
}
