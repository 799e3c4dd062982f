package io.homepot.appliance.llm.prompt;

import java.util.List;

/**
 * What {@link AnswerVerifier} found in an LLM answer.
 *
 * @param devicesMentioned  ids of fact-sheet devices the answer names, sorted
 * @param unknownDevices    device-like identifiers in the answer that match no known device, in order
 * @param unverifiedNumbers numbers cited in the answer that appear nowhere in the facts, as written
 */
public record AnswerVerification(List<String> devicesMentioned, List<String> unknownDevices,
                                 List<String> unverifiedNumbers) {

    public AnswerVerification {
        devicesMentioned = List.copyOf(devicesMentioned);
        unknownDevices = List.copyOf(unknownDevices);
        unverifiedNumbers = List.copyOf(unverifiedNumbers);
    }

    /** True when the answer names no unknown device and cites no unverified number. */
    public boolean grounded() {
        return unknownDevices.isEmpty() && unverifiedNumbers.isEmpty();
    }
}
