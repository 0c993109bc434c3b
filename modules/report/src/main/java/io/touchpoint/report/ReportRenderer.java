package io.touchpoint.report;
// TEMPORARY STUB, replaced by the real implementation.
public final class ReportRenderer {
  public static void render(String dataJson, java.io.Writer out) throws java.io.IOException { out.write("<html><body><script type=\"application/json\" id=\"tp-data\">" + dataJson.replace("</", "<\\/") + "</script></body></html>"); }
  public static void render(String dataJson, java.nio.file.Path file) throws java.io.IOException { try (var w = java.nio.file.Files.newBufferedWriter(file)) { render(dataJson, w); } }
}
