package io.homepot.appliance.ai.narrate;

import java.util.List;

/**
 * Result of checking a narrative against its facts.
 *
 * @param devicesMentioned   known device names the text mentions
 * @param unknownDevices     device-like names in the text that are not devices of the site
 * @param numbersChecked     numbers found in the text
 * @param unsupportedNumbers numbers not present in the facts (allowing rounding and score→percent)
 * @param method             {@link #CHECKED}: the text was checked against the facts (a model's answer);
 *                           {@link #DETERMINISTIC}: the appliance wrote the text from the facts itself, so only the
 *                           devices it names are listed (its grounding is a property of the narrator, proved by tests
 *                           over the demo site, not re-checked on each request)
 */
public record Verification(List<String> devicesMentioned, List<String> unknownDevices, int numbersChecked,
                           List<String> unsupportedNumbers, String method) {
    public static final String CHECKED = "checked";
    public static final String DETERMINISTIC = "deterministic";

    public Verification {
        devicesMentioned = List.copyOf(devicesMentioned);
        unknownDevices = List.copyOf(unknownDevices);
        unsupportedNumbers = List.copyOf(unsupportedNumbers);
    }

    /** A checked text's result. */
    public Verification(List<String> devicesMentioned, List<String> unknownDevices, int numbersChecked,
                        List<String> unsupportedNumbers) {
        this(devicesMentioned, unknownDevices, numbersChecked, unsupportedNumbers, CHECKED);
    }

    /** The appliance's own narrative, which names {@code devicesMentioned}. */
    public static Verification deterministic(List<String> devicesMentioned) {
        return new Verification(devicesMentioned, List.of(), 0, List.of(), DETERMINISTIC);
    }

    /** True when every device exists and every number is in the facts. */
    public boolean grounded() {
        return unknownDevices.isEmpty() && unsupportedNumbers.isEmpty();
    }
}
