package io.homepot.appliance.ai.query;

import java.util.List;
import java.util.Map;
import java.util.Set;

/** Words people use for device types, metrics and time, mapped to what the appliance stores. */
final class Vocabulary {
    private Vocabulary() {
    }

    /** Spoken type word → substrings of a device type's code or name that identify it. */
    static final Map<String, List<String>> TYPE_WORDS = Map.ofEntries(
            Map.entry("sensor", List.of("sensor")), Map.entry("sensors", List.of("sensor")),
            Map.entry("thermometer", List.of("sensor")), Map.entry("thermometers", List.of("sensor")),
            Map.entry("probe", List.of("sensor")), Map.entry("probes", List.of("sensor")),
            Map.entry("hvac", List.of("hvac", "air")), Map.entry("ac", List.of("hvac", "air")),
            Map.entry("aircon", List.of("hvac", "air")), Map.entry("chiller", List.of("hvac", "chill")),
            Map.entry("chillers", List.of("hvac", "chill")), Map.entry("ahu", List.of("hvac", "air")),
            Map.entry("pos", List.of("pos", "point of sale", "terminal")),
            Map.entry("till", List.of("pos", "terminal")), Map.entry("tills", List.of("pos", "terminal")),
            Map.entry("terminal", List.of("pos", "terminal")), Map.entry("terminals", List.of("pos", "terminal")),
            Map.entry("register", List.of("pos", "terminal")), Map.entry("registers", List.of("pos", "terminal")),
            Map.entry("checkout", List.of("pos", "terminal")), Map.entry("checkouts", List.of("pos", "terminal")),
            Map.entry("switch", List.of("switch")), Map.entry("switches", List.of("switch")),
            Map.entry("router", List.of("router", "switch")), Map.entry("routers", List.of("router", "switch")),
            Map.entry("ups", List.of("ups", "uninterruptible")), Map.entry("upses", List.of("ups", "uninterruptible")),
            Map.entry("uninterruptible", List.of("ups", "uninterruptible")));

    /** Phrases for multi-word type mentions. */
    static final Map<String, List<String>> TYPE_PHRASES = Map.of(
            "air conditioning", List.of("hvac", "air"), "air conditioner", List.of("hvac", "air"),
            "air handler", List.of("hvac", "air"), "point of sale", List.of("pos", "point of sale", "terminal"),
            "network switch", List.of("switch"), "power supply", List.of("ups", "power"),
            "cash register", List.of("pos", "terminal"));

    /** Spoken metric word → (substrings of metric names, direction). */
    record MetricWord(List<String> metricParts, String direction) {
    }

    static final Map<String, MetricWord> METRIC_WORDS = Map.ofEntries(
            Map.entry("hot", new MetricWord(List.of("temp"), "high")),
            Map.entry("hotter", new MetricWord(List.of("temp"), "high")),
            Map.entry("overheat", new MetricWord(List.of("temp"), "high")),
            Map.entry("overheated", new MetricWord(List.of("temp"), "high")),
            Map.entry("overheating", new MetricWord(List.of("temp"), "high")),
            Map.entry("warm", new MetricWord(List.of("temp"), "high")),
            Map.entry("heat", new MetricWord(List.of("temp"), "high")),
            Map.entry("cold", new MetricWord(List.of("temp"), "low")),
            Map.entry("freezing", new MetricWord(List.of("temp"), "low")),
            Map.entry("temperature", new MetricWord(List.of("temp"), "any")),
            Map.entry("temperatures", new MetricWord(List.of("temp"), "any")),
            Map.entry("temp", new MetricWord(List.of("temp"), "any")),
            Map.entry("humidity", new MetricWord(List.of("humid"), "any")),
            Map.entry("humid", new MetricWord(List.of("humid"), "high")),
            Map.entry("damp", new MetricWord(List.of("humid"), "high")),
            Map.entry("dry", new MetricWord(List.of("humid"), "low")),
            Map.entry("power", new MetricWord(List.of("power", "volt", "battery", "load", "watt", "current"), "any")),
            Map.entry("voltage", new MetricWord(List.of("volt"), "any")),
            Map.entry("battery", new MetricWord(List.of("battery"), "any")),
            Map.entry("load", new MetricWord(List.of("load"), "any")),
            Map.entry("fan", new MetricWord(List.of("fan", "rpm", "airflow"), "any")),
            Map.entry("fans", new MetricWord(List.of("fan", "rpm", "airflow"), "any")),
            Map.entry("airflow", new MetricWord(List.of("airflow", "fan"), "any")),
            Map.entry("latency", new MetricWord(List.of("latency"), "high")),
            Map.entry("slow", new MetricWord(List.of("latency", "response"), "high")),
            Map.entry("packet", new MetricWord(List.of("packet", "loss"), "high")),
            Map.entry("connectivity", new MetricWord(List.of("packet", "loss", "latency", "link", "signal"), "any")),
            Map.entry("cpu", new MetricWord(List.of("cpu"), "high")),
            Map.entry("memory", new MetricWord(List.of("mem"), "high")),
            Map.entry("disk", new MetricWord(List.of("disk"), "high")),
            Map.entry("pressure", new MetricWord(List.of("pressure"), "any")));

    /** Words that never identify a device on their own. */
    static final Set<String> STOP = Set.of("a", "an", "the", "is", "are", "was", "were", "be", "been", "of", "in", "on",
            "at", "to", "for", "with", "and", "or", "what", "which", "who", "how", "why", "when", "where", "any",
            "anything", "something", "all", "every", "wrong", "problem", "problems", "issue", "issues", "status",
            "there", "this", "that", "these", "those", "last", "past", "next", "week", "today", "yesterday",
            "tomorrow", "day", "days", "hour", "hours", "month", "ran", "run", "running", "likely", "fail", "failing",
            "will", "going", "do", "does", "did", "i", "we", "our", "my", "it", "its", "me", "us", "show", "tell", "give",
            "about", "doing", "happened", "happening", "should", "could", "can", "need", "now", "currently", "has",
            "have", "had", "than", "more", "most", "less", "up", "down", "s", "device", "devices", "please");
}
