package io.homepot.appliance.mail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.UUID;

/**
 * A minimal SMTP client over plain JDK sockets (RFC 5321): {@code EHLO} (falling back to {@code HELO}),
 * {@code MAIL FROM}, one {@code RCPT TO} per recipient, {@code DATA}, {@code QUIT}. The message is
 * RFC 5322 with a UTF-8 plain-text body in base64 and an RFC 2047 subject when it is not ASCII, so it
 * never depends on the server's 8BITMIME support. No TLS and no authentication: meant for a relay on
 * the site's LAN. One connection per message; not thread-safe per call but stateless between calls.
 */
public final class SmtpClient {
    private final MailConfig config;
    private final Clock clock;

    public SmtpClient(MailConfig config, Clock clock) {
        this.config = config;
        this.clock = clock;
    }

    /** Sends {@code m}; throws when the server rejects the sender, every recipient, or the data. */
    public void send(MailMessage m) throws SmtpException {
        int timeout = (int) Math.min(Integer.MAX_VALUE, config.timeout().toMillis());
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(config.host(), config.port()), timeout);
            s.setSoTimeout(timeout);
            BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII));
            OutputStream out = s.getOutputStream();
            expect(in, 220, "greeting");
            String me = "homepot-appliance";
            if (command(in, out, "EHLO " + me) / 100 != 2) {
                expect(command(in, out, "HELO " + me), in, 250, "HELO");
            }
            expect(command(in, out, "MAIL FROM:<" + m.from() + ">"), in, 250, "MAIL FROM");
            int accepted = 0;
            StringBuilder refused = new StringBuilder();
            for (String r : m.to()) {
                int c = command(in, out, "RCPT TO:<" + r + ">");
                if (c == 250 || c == 251) {
                    accepted++;
                } else {
                    refused.append(' ').append(r).append(" (").append(c).append(')');
                }
            }
            if (accepted == 0) {
                throw new SmtpException(550, "every recipient was refused:" + refused);
            }
            expect(command(in, out, "DATA"), in, 354, "DATA");
            write(out, dotStuff(render(m)) + ".\r\n");
            expect(in, 250, "message data");
            command(in, out, "QUIT");
        } catch (SmtpException e) {
            throw e;
        } catch (IOException e) {
            throw new SmtpException("SMTP conversation with " + config.host() + ":" + config.port() + " failed: " + e, e);
        }
    }

    /** The RFC 5322 message text with CRLF line ends (before dot-stuffing). */
    String render(MailMessage m) {
        StringBuilder b = new StringBuilder();
        header(b, "From", m.from());
        header(b, "To", String.join(", ", m.to()));
        header(b, "Subject", encodeHeader(m.subject()));
        header(b, "Date", DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now(clock)));
        header(b, "Message-ID", "<" + UUID.randomUUID() + "@homepot.local>");
        header(b, "MIME-Version", "1.0");
        header(b, "Content-Type", "text/plain; charset=UTF-8");
        header(b, "Content-Transfer-Encoding", "base64");
        header(b, "X-Mailer", "HOMEPOT appliance");
        b.append("\r\n");
        String enc = Base64.getMimeEncoder(76, new byte[]{'\r', '\n'}).encodeToString(m.body().getBytes(StandardCharsets.UTF_8));
        b.append(enc);
        if (!enc.isEmpty()) {
            b.append("\r\n");
        }
        return b.toString();
    }

    private static void header(StringBuilder b, String name, String value) {
        b.append(name).append(": ").append(value).append("\r\n");
    }

    /** ASCII as is; otherwise RFC 2047 base64 encoded-words of at most 75 characters, folded. */
    static String encodeHeader(String s) {
        if (s.chars().allMatch(c -> c >= 0x20 && c < 0x7f)) {
            return s;
        }
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < s.length()) {
            int end = i;
            int bytes = 0;
            while (end < s.length()) {
                int cp = s.codePointAt(end);
                int n = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8).length;
                if (bytes + n > 45) {
                    break;
                }
                bytes += n;
                end += Character.charCount(cp);
            }
            if (out.length() > 0) {
                out.append("\r\n ");
            }
            out.append("=?UTF-8?B?").append(Base64.getEncoder().encodeToString(s.substring(i, end).getBytes(StandardCharsets.UTF_8)))
                    .append("?=");
            i = end;
        }
        return out.toString();
    }

    /** Doubles a leading dot on every line (RFC 5321 section 4.5.2). */
    static String dotStuff(String text) {
        return (text.startsWith(".") ? "." : "") + text.replace("\r\n.", "\r\n..");
    }

    private static int command(BufferedReader in, OutputStream out, String line) throws IOException {
        write(out, line + "\r\n");
        return reply(in).code();
    }

    private static void expect(int code, BufferedReader in, int want, String what) throws SmtpException {
        if (code != want) {
            throw new SmtpException(code, "SMTP server refused " + what + " with code " + code);
        }
    }

    private static void expect(BufferedReader in, int want, String what) throws IOException {
        Reply r = reply(in);
        if (r.code() != want) {
            throw new SmtpException(r.code(), "SMTP server refused " + what + ": " + r.text());
        }
    }

    private record Reply(int code, String text) {
    }

    /** Reads a (possibly multi-line) reply: {@code 250-...} continues, {@code 250 ...} ends. */
    private static Reply reply(BufferedReader in) throws IOException {
        StringBuilder text = new StringBuilder();
        while (true) {
            String line = in.readLine();
            if (line == null) {
                throw new IOException("connection closed by the SMTP server");
            }
            if (line.length() < 3) {
                throw new IOException("malformed SMTP reply: " + line);
            }
            int code;
            try {
                code = Integer.parseInt(line.substring(0, 3));
            } catch (NumberFormatException e) {
                throw new IOException("malformed SMTP reply: " + line);
            }
            text.append(line.length() > 4 ? line.substring(4) : "").append(' ');
            if (line.length() == 3 || line.charAt(3) != '-') {
                return new Reply(code, text.toString().strip());
            }
        }
    }

    private static void write(OutputStream out, String s) throws IOException {
        out.write(s.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }
}
