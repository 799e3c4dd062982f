package io.homepot.appliance.ai.narrate;

import java.util.List;

/**
 * Result of checking a narrative against its facts.
 *
 * @param devicesMentioned   known device names the text mentions
 * @param unknownDevices     device-like names in the text that are not devices of the site
 * @param numbersChecked     numbers found in the text
 * @param unsupportedNumbers numbers not present in the facts (allowing rounding and score→percent)
 */
public record Verification(List<String> devicesMentioned, List<String> unknownDevices, int numbersChecked,
                           List<String> unsupportedNumbers) {
    public Verification {
        devicesMentioned = List.copyOf(devicesMentioned);
        unknownDevices = List.copyOf(unknownDevices);
        unsupportedNumbers = List.copyOf(unsupportedNumbers);
    }

    /** True when every device exists and every number is in the facts. */
    public boolean grounded() {
        return unknownDevices.isEmpty() && unsupportedNumbers.isEmpty();
    }
}
