package dev.faxbridge.connection.web;

import dev.faxbridge.connection.ConnectSettings;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.Image;
import org.commonmark.node.Node;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * {@code GET /connect/guide}: the guide for clinics, {@code docs/for-clinics.md} as the build
 * copied it into the application, so the page and the document are one text. The screenshots are
 * left out of the page (the clinic is looking at the real thing); raw HTML in the text is escaped.
 */
@Controller
class ClinicGuide {

  static final String RESOURCE = "/guide/for-clinics.md";

  private final String html;
  private final ConnectSettings settings;

  ClinicGuide(ConnectSettings settings) {
    this.settings = settings;
    Node document = Parser.builder().build().parse(read());
    List<Image> images = new ArrayList<>();
    document.accept(
        new AbstractVisitor() {
          @Override
          public void visit(Image image) {
            images.add(image);
          }
        });
    images.forEach(Node::unlink);
    this.html = HtmlRenderer.builder().escapeHtml(true).build().render(document);
  }

  @GetMapping("/connect/guide")
  String guide(Model model) {
    model.addAttribute("guide", html);
    model.addAttribute("contact", settings.contact());
    return "connect/guide";
  }

  private static String read() {
    try (InputStream in = ClinicGuide.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(
            RESOURCE + " is missing from the application; the build copies docs/for-clinics.md");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
