package io.homepot.appliance.mail;

import java.util.List;

/**
 * A plain-text e-mail.
 *
 * @param from    sender address
 * @param to      recipient addresses
 * @param subject subject line (any Unicode; encoded as RFC 2047 when not ASCII)
 * @param body    plain-text body (UTF-8)
 */
public record MailMessage(String from, List<String> to, String subject, String body) {
    public MailMessage {
        to = List.copyOf(to);
        if (to.isEmpty()) {
            throw new IllegalArgumentException("no recipients");
        }
        for (String s : to) {
            if (s.contains("\r") || s.contains("\n")) {
                throw new IllegalArgumentException("recipient contains a line break");
            }
        }
        if (from.contains("\r") || from.contains("\n")) {
            throw new IllegalArgumentException("sender contains a line break");
        }
        subject = subject == null ? "" : subject.replaceAll("[\\r\\n]+", " ");
        body = body == null ? "" : body;
    }
}
