package io.homepot.scoring.health;

/**
 * One reason a device lost health.
 *
 * @param name        short machine name, e.g. {@code threshold:temperature}
 * @param penalty     how much this factor subtracted from the score (0..1)
 * @param explanation human-readable sentence for operators
 */
public record Factor(String name, double penalty, String explanation) {
}
