package io.homepot.appliance.web;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.openqa.selenium.logging.LogEntry;

/**
 * Sorts the browser console's SEVERE entries into errors and API endpoints that answered 404/405/501 (the UI shows
 * those as "not available"; the tests still fail on them, listed separately so a missing endpoint is obvious).
 */
final class ConsoleCheck {

    private static final Pattern MISSING_ENDPOINT =
            Pattern.compile("^(https?://[^ ]+?(/api/[^ ?]*)\\S*) - Failed to load resource: the server responded with a status of (404|405|501)");

    final List<String> errors = new ArrayList<>();
    final List<String> missingEndpoints = new ArrayList<>();

    ConsoleCheck(List<LogEntry> entries) {
        for (LogEntry e : entries) {
            if (e.getLevel().intValue() < Level.SEVERE.intValue()) {
                continue;
            }
            Matcher m = MISSING_ENDPOINT.matcher(e.getMessage());
            if (m.find()) {
                missingEndpoints.add(m.group(3) + " " + m.group(2));
            } else {
                errors.add(e.getMessage());
            }
        }
    }
}
