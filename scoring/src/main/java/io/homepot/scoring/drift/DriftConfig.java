package io.homepot.scoring.drift;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

/**
 * Settings of a {@link DriftMonitor}. One configuration for every series ({@link #defaults()}); the only per-series
 * input is {@link DriftMonitor#minSpread(double)}.
 *
 * @param minLevelHours hourly means (of the last 24) needed for a daily level
 * @param refHours      reference span in hours (levels of the previous week)
 * @param excludeHours  newest levels kept out of the reference (the reference is the week before the last day)
 * @param minRefHours   reference levels needed before any alert
 * @param alertSigma    excess beyond the normal weekly range, in robust sigmas, that counts as drift
 * @param freezeSigma   excess at which the reference stops learning
 * @param thawSigma     distance from the reference median (robust sigmas) under which a frozen reference thaws
 * @param rearmSigma    excess below which the level counts as back
 * @param persistHours  consecutive hours beyond alertSigma to alert, and below rearmSigma to re-arm
 * @param acceptHours   hours a level may stay away before it is accepted as the new normal (reference re-learned)
 */
public record DriftConfig(int minLevelHours, int refHours, int excludeHours, int minRefHours, double alertSigma,
                          double freezeSigma, double thawSigma, double rearmSigma, int persistHours, int acceptHours) {

    public DriftConfig {
        if (minLevelHours < 1 || minLevelHours > 24 || refHours < 24 || excludeHours < 0 || minRefHours < 1
                || minRefHours > refHours || persistHours < 1 || acceptHours < 1
                || !(alertSigma > 0) || !(freezeSigma > 0) || !(thawSigma > 0) || !(rearmSigma >= 0) || rearmSigma >= alertSigma) {
            throw new IllegalArgumentException("invalid drift config " + this);
        }
    }

    /** 18 of 24 hours, 7-day reference (alerts from day 9), 3σ beyond the weekly range for 6 h, accept after 10 days. */
    public static DriftConfig defaults() {
        return new DriftConfig(18, 168, 24, 168, 2.5, 1.0, 1.5, 0.5, 6, 240);
    }

    void write(DataOutputStream out) throws IOException {
        out.writeInt(minLevelHours);
        out.writeInt(refHours);
        out.writeInt(excludeHours);
        out.writeInt(minRefHours);
        out.writeDouble(alertSigma);
        out.writeDouble(freezeSigma);
        out.writeDouble(thawSigma);
        out.writeDouble(rearmSigma);
        out.writeInt(persistHours);
        out.writeInt(acceptHours);
    }

    static DriftConfig read(DataInputStream in) throws IOException {
        return new DriftConfig(in.readInt(), in.readInt(), in.readInt(), in.readInt(), in.readDouble(), in.readDouble(),
                in.readDouble(), in.readDouble(), in.readInt(), in.readInt());
    }
}
