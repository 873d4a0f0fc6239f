package dev.hostwise.knowledge;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Which inputs would flip the VOLUME condition, and by how much each moves the daily saving. In
 * JSON it is an object keyed by input name, in the order the inputs were analysed.
 */
public record Sensitivity(List<InputSensitivity> inputs) {

    public Sensitivity {
        inputs = List.copyOf(inputs);
    }

    public Optional<InputSensitivity> of(String input) {
        return inputs.stream().filter(i -> i.input().equals(input)).findFirst();
    }

    /** Reads the JSON form back (stored verdicts): the input names are the object's keys. */
    @com.fasterxml.jackson.annotation.JsonCreator(mode = com.fasterxml.jackson.annotation.JsonCreator.Mode.DELEGATING)
    static Sensitivity fromJson(LinkedHashMap<String, InputSensitivity> byInput) {
        return new Sensitivity(byInput.entrySet().stream()
                .map(e -> new InputSensitivity(e.getKey(), e.getValue().value(), e.getValue().flipAt(),
                        e.getValue().holdsNow(), e.getValue().tornado()))
                .toList());
    }

    @JsonValue
    public Map<String, InputSensitivity> byInput() {
        Map<String, InputSensitivity> map = new LinkedHashMap<>();
        inputs.forEach(i -> map.put(i.input(), i));
        return Collections.unmodifiableMap(map);
    }
}
