package io.touchpoint.core.attribution;
// TEMPORARY STUB, replaced by the real implementation.
public interface AttributionModel extends java.io.Serializable {
  String name();
  double[] credits(Journey journey);
}
