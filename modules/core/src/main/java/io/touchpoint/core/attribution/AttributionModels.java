package io.touchpoint.core.attribution;
// TEMPORARY STUB, replaced by the real implementation.
public final class AttributionModels {
  record Simple(String name) implements AttributionModel {
    public double[] credits(Journey j) {
      int n = j.touchpoints().size(); double[] c = new double[n];
      switch (name) { case "first" -> c[0] = 1; case "last" -> c[n - 1] = 1; default -> java.util.Arrays.fill(c, 1.0 / n); }
      return c;
    }
  }
  public static AttributionModel parse(String key, String spec) { return new Simple(spec.trim()); }
  public static java.util.List<AttributionModel> defaults() { return java.util.List.of(new Simple("first"), new Simple("last"), new Simple("linear")); }
  public static java.util.List<ModelInfo> builtIns() { return java.util.List.of(); }
}
