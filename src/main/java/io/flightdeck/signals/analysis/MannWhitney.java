package io.flightdeck.signals.analysis;

import java.util.Arrays;

/**
 * The Mann-Whitney U test (Wilcoxon rank-sum) as Kayenta's canary judge uses it: are the canary's samples (for
 * example per-pod error rates or latencies) shifted against the baseline's? Uses the normal approximation with tie
 * correction and continuity correction, which is sound from about 5 samples per side. Stateless.
 */
public final class MannWhitney {

    /** U for the canary sample, the z score and the one-sided p-value that the canary is greater than baseline. */
    public record Result(double u, double z, double pGreater, double pLess) {
    }

    private MannWhitney() {
    }

    public static Result test(double[] canary, double[] baseline) {
        int n1 = canary.length;
        int n2 = baseline.length;
        if (n1 == 0 || n2 == 0) {
            throw new IllegalArgumentException("both samples need at least one value");
        }
        double[][] all = new double[n1 + n2][2];
        for (int i = 0; i < n1; i++) {
            all[i] = new double[]{canary[i], 0};
        }
        for (int i = 0; i < n2; i++) {
            all[n1 + i] = new double[]{baseline[i], 1};
        }
        Arrays.sort(all, (a, b) -> Double.compare(a[0], b[0]));
        double rankSumCanary = 0;
        double tieTerm = 0;
        int i = 0;
        while (i < all.length) {
            int j = i;
            while (j + 1 < all.length && all[j + 1][0] == all[i][0]) {
                j++;
            }
            double rank = (i + j) / 2.0 + 1;
            int ties = j - i + 1;
            tieTerm += (double) ties * ties * ties - ties;
            for (int k = i; k <= j; k++) {
                if (all[k][1] == 0) {
                    rankSumCanary += rank;
                }
            }
            i = j + 1;
        }
        double u = rankSumCanary - n1 * (n1 + 1) / 2.0;
        double n = n1 + n2;
        double mean = n1 * n2 / 2.0;
        double variance = n1 * n2 / 12.0 * ((n + 1) - tieTerm / (n * (n - 1)));
        if (variance <= 0) {
            return new Result(u, 0, 0.5, 0.5);
        }
        double sd = Math.sqrt(variance);
        double zGreater = (u - mean - 0.5) / sd;
        double zLess = (u - mean + 0.5) / sd;
        return new Result(u, (u - mean) / sd, 1 - phi(zGreater), phi(zLess));
    }

    /** The standard normal CDF (Abramowitz-Stegun 7.1.26 through erf), accurate to about 1e-7. */
    static double phi(double z) {
        double x = Math.abs(z) / Math.sqrt(2);
        double t = 1 / (1 + 0.3275911 * x);
        double erf = 1 - (((((1.061405429 * t - 1.453152027) * t) + 1.421413741) * t - 0.284496736) * t
                + 0.254829592) * t * Math.exp(-x * x);
        return z >= 0 ? 0.5 * (1 + erf) : 0.5 * (1 - erf);
    }
}
