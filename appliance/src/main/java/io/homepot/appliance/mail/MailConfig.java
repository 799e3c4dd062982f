package io.homepot.appliance.mail;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Optional e-mail delivery of generated reports over plain SMTP (a LAN relay; no TLS, no authentication).
 *
 * @param enabled    deliver reports by e-mail
 * @param host       SMTP server host
 * @param port       SMTP server port (25, or 2525 etc. for a local relay)
 * @param from       envelope and header sender
 * @param recipients addresses that receive every delivered report
 * @param timeout    connect and read timeout
 */
public record MailConfig(boolean enabled, String host, int port, String from, List<String> recipients, Duration timeout) {
    private static final Pattern ADDRESS = Pattern.compile("[^\\s<>@,;\"]+@[^\\s<>@,;\"]+");

    public MailConfig {
        recipients = recipients == null ? List.of() : List.copyOf(recipients);
        from = from == null || from.isBlank() ? "homepot@localhost" : from.strip();
        timeout = timeout == null ? Duration.ofSeconds(10) : timeout;
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("homepot.reports.mail.port (HOMEPOT_SMTP_PORT) must be 1..65535, got " + port);
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("homepot.reports.mail.timeout-seconds must be positive");
        }
        if (!ADDRESS.matcher(from).matches()) {
            throw new IllegalArgumentException("homepot.reports.mail.from (HOMEPOT_SMTP_FROM) is not an e-mail address: '" + from + "'");
        }
        for (String r : recipients) {
            if (!ADDRESS.matcher(r).matches()) {
                throw new IllegalArgumentException("homepot.reports.mail.recipients (HOMEPOT_REPORT_RECIPIENTS) has an invalid "
                        + "address: '" + r + "'");
            }
        }
        if (enabled && (host == null || host.isBlank())) {
            throw new IllegalArgumentException("homepot.reports.mail.host (HOMEPOT_SMTP_HOST) is required when mail is enabled");
        }
        if (enabled && recipients.isEmpty()) {
            throw new IllegalArgumentException("homepot.reports.mail.recipients (HOMEPOT_REPORT_RECIPIENTS) is required when "
                    + "mail is enabled");
        }
    }

    public static MailConfig disabled() {
        return new MailConfig(false, "", 25, "homepot@localhost", List.of(), Duration.ofSeconds(10));
    }

    /** Splits a comma- or semicolon-separated recipient list. */
    public static List<String> parseRecipients(String s) {
        List<String> out = new ArrayList<>();
        if (s != null) {
            for (String p : s.split("[,;]")) {
                if (!p.isBlank()) {
                    out.add(p.strip());
                }
            }
        }
        return out;
    }
}
