package io.homepot.scoring.detect;

/** Gaussian tail helpers. */
final class Tail {
    private Tail() {}

    /** Upper tail Q(z) = P(Z > z) of the standard normal, relative error below 1.2e-7. */
    static double q(double z) {
        return 0.5 * erfc(z / Math.sqrt(2.0));
    }

    /** Complementary error function (Numerical Recipes erfcc, Chebyshev fit). */
    static double erfc(double x) {
        double z = Math.abs(x);
        double t = 1.0 / (1.0 + 0.5 * z);
        double r = t * Math.exp(-z * z - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418
                + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587
                + t * (-0.82215223 + t * 0.17087277)))))))));
        return x >= 0 ? r : 2.0 - r;
    }

    /** -ln Q(z), accurate far into the tail (asymptotic expansion beyond z = 8). */
    static double negLogQ(double z) {
        if (z < 8) return -Math.log(Math.max(q(z), 1e-300));
        return z * z / 2 + Math.log(z * Math.sqrt(2 * Math.PI)) + Math.log1p(1.0 / (z * z));
    }

    /** Maps -ln(tail probability) to [0, 1) without saturating: p = 1e-5 gives 0.5. */
    static double surprise(double negLogP) {
        double k = Math.log(1e5);
        return negLogP <= 0 ? 0 : negLogP / (negLogP + k);
    }
}
