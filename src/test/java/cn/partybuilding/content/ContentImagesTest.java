package cn.partybuilding.content;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.zip.CRC32;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import cn.partybuilding.PlatformTest;
import cn.partybuilding.shared.Caller;
import cn.partybuilding.shared.FieldProblem;
import cn.partybuilding.shared.Role;

/**
 * Images of content with real files made here: what is stored is a new image (no text chunk, nothing appended),
 * scaled to the maximum width; what is not a raster image, or would decode to too many pixels, is refused; the
 * upload is for authors, the image for anyone; a pasted Word document keeps its formatting and its picture.
 */
class ContentImagesTest extends PlatformTest {

	@Autowired
	ContentImages images;

	@Autowired
	ContentHtml html;

	private static final byte[] PNG_SIGNATURE = { (byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A };

	/** A caller of its own, so the daily cap of demo people is not touched. */
	private static Caller author() {
		return new Caller(999_999, unique("img-"), "author", List.of(new Caller.Grant(Role.BRANCH_SECRETARY, 1)));
	}

	static byte[] png(BufferedImage image) throws IOException {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		ImageIO.write(image, "png", out);
		return out.toByteArray();
	}

	static BufferedImage picture(int width, int height, boolean alpha) {
		BufferedImage image = new BufferedImage(width, height, alpha ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB);
		Graphics2D g = image.createGraphics();
		g.setColor(alpha ? new Color(200, 30, 30, 120) : new Color(200, 30, 30));
		g.fillRect(0, 0, width, height);
		g.setColor(Color.YELLOW);
		g.fillOval(width / 4, height / 4, width / 2, height / 2);
		g.dispose();
		return image;
	}

	private static byte[] chunk(String type, byte[] data) {
		ByteBuffer b = ByteBuffer.allocate(12 + data.length);
		b.putInt(data.length).put(type.getBytes(StandardCharsets.US_ASCII)).put(data);
		CRC32 crc = new CRC32();
		crc.update(type.getBytes(StandardCharsets.US_ASCII));
		crc.update(data);
		b.putInt((int) crc.getValue());
		return b.array();
	}

	/** A PNG with a tEXt chunk (where a camera or editor leaves what it knows) after IHDR, and a script after IEND. */
	static byte[] pngWithTextAndTail(BufferedImage image) throws IOException {
		byte[] plain = png(image);
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		out.write(plain, 0, 8 + 25);
		out.write(chunk("tEXt", "Comment\0GPS 39.9042,116.4074 SECRET-METADATA".getBytes(StandardCharsets.ISO_8859_1)));
		out.write(plain, 8 + 25, plain.length - 8 - 25);
		out.write("<script>alert(document.cookie)</script>".getBytes(StandardCharsets.US_ASCII));
		return out.toByteArray();
	}

	/** Only a PNG's header: 20000 x 20000 pixels claimed, 400 megapixels a decoder would allocate. */
	static byte[] bombHeader() throws IOException {
		ByteBuffer ihdr = ByteBuffer.allocate(13).putInt(20000).putInt(20000).put((byte) 8).put((byte) 2)
			.put((byte) 0).put((byte) 0).put((byte) 0);
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		out.write(PNG_SIGNATURE);
		out.write(chunk("IHDR", ihdr.array()));
		out.write(chunk("IDAT", new byte[] { 0x78, (byte) 0x9c, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01 }));
		out.write(chunk("IEND", new byte[0]));
		return out.toByteArray();
	}

	private byte[] fetch(String url) throws Exception {
		return mvc.perform(get(url)).andExpect(status().isOk()).andReturn().getResponse().getContentAsByteArray();
	}

	private static boolean contains(byte[] haystack, String needle) {
		return new String(haystack, StandardCharsets.ISO_8859_1).contains(needle);
	}

	@Test
	void aPngWithTextAndATailIsStoredAsANewImage() throws Exception {
		byte[] original = pngWithTextAndTail(picture(300, 200, false));
		assertThat(ImageIO.read(new ByteArrayInputStream(original))).isNotNull();
		ContentImages.StoredImage stored = images.store(author(), original, "file");
		assertThat(stored.key()).matches(ContentImages.KEY);
		assertThat(stored.url()).isEqualTo("/content/images/" + stored.key());
		assertThat(stored.width()).isEqualTo(300);
		assertThat(stored.height()).isEqualTo(200);
		byte[] served = fetch(stored.url());
		assertThat(contains(served, "SECRET-METADATA")).isFalse();
		assertThat(contains(served, "<script")).isFalse();
		assertThat(contains(served, "tEXt")).isFalse();
		BufferedImage back = ImageIO.read(new ByteArrayInputStream(served));
		assertThat(back.getWidth()).isEqualTo(300);
		// opaque: a JPEG now
		assertThat(served[0] & 0xFF).isEqualTo(0xFF);
		assertThat(served[1] & 0xFF).isEqualTo(0xD8);
	}

	@Test
	void aTransparentImageStaysAPng() throws Exception {
		ContentImages.StoredImage stored = images.store(author(), png(picture(40, 30, true)), "file");
		byte[] served = fetch(stored.url());
		assertThat(java.util.Arrays.copyOf(served, 8)).isEqualTo(PNG_SIGNATURE);
		assertThat(ImageIO.read(new ByteArrayInputStream(served)).getColorModel().hasAlpha()).isTrue();
	}

	@Test
	void aWideImageIsScaledToTheMaximumWidth() throws Exception {
		ContentImages.StoredImage stored = images.store(author(), png(picture(4000, 1000, false)), "file");
		assertThat(stored.width()).isEqualTo(1600);
		assertThat(stored.height()).isEqualTo(400);
		BufferedImage back = ImageIO.read(new ByteArrayInputStream(fetch(stored.url())));
		assertThat(back.getWidth()).isEqualTo(1600);
		assertThat(back.getHeight()).isEqualTo(400);
	}

	@Test
	void aDecompressionBombIsRefusedFromItsHeader() throws Exception {
		assertThatThrownBy(() -> images.store(author(), bombHeader(), "file")).isInstanceOfSatisfying(FieldProblem.class,
				p -> assertThat(p.problems().get(0).messageKey()).isEqualTo("content.image.tooManyPixels"));
	}

	@Test
	void whatIsNoRasterImageIsRefused() {
		List<String> notImages = List.of(
				"<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(1)\"><script>alert(2)</script><rect width=\"10\" height=\"10\"/></svg>",
				"<?xml version=\"1.0\"?><svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>",
				"<!DOCTYPE html><html><body><script>alert(1)</script></body></html>",
				// a GIF header with no image after it: a polyglot's first line
				"GIF89a/*<script>*/=alert(1)//</script>",
				"%PDF-1.4 not a picture");
		for (String content : notImages) {
			assertThatThrownBy(() -> images.store(author(), content.getBytes(StandardCharsets.UTF_8), "file"))
				.as(content)
				.isInstanceOfSatisfying(FieldProblem.class,
						p -> assertThat(p.problems().get(0).messageKey()).isEqualTo("content.image.notImage"));
		}
	}

	@Test
	void theUploadIsForAuthorsAndAnswersWhatTheEditorExpects() throws Exception {
		RequestPostProcessor branch1 = login("branch1");
		MockMultipartFile file = new MockMultipartFile("file", "photo.png", "image/png", pngWithTextAndTail(picture(120, 80, false)));
		MvcResult result = mvc.perform(multipart("/api/v1/content/images").file(file).with(branch1).with(csrf()))
			.andExpect(status().isCreated())
			.andExpect(jsonPath("$.location").value(org.hamcrest.Matchers.matchesPattern("/content/images/[A-Za-z0-9_-]{22}")))
			.andExpect(jsonPath("$.key").isString())
			.andExpect(jsonPath("$.width").value(120))
			.andExpect(jsonPath("$.height").value(80))
			.andReturn();
		String location = com.jayway.jsonpath.JsonPath.read(result.getResponse().getContentAsString(), "$.location");

		// anyone may see it (the portal shows it to readers who are not signed in), cached for good, sniffing off
		mvc.perform(get(location))
			.andExpect(status().isOk())
			.andExpect(header().string("Content-Type", "image/jpeg"))
			.andExpect(header().string("Cache-Control", org.hamcrest.Matchers.allOf(
					org.hamcrest.Matchers.containsString("max-age=31536000"), org.hamcrest.Matchers.containsString("public"),
					org.hamcrest.Matchers.containsString("immutable"))))
			.andExpect(header().string("X-Content-Type-Options", "nosniff"));
		mvc.perform(get("/content/images/" + ContentImages.newKey())).andExpect(status().isNotFound());
		mvc.perform(get("/content/images/1")).andExpect(status().isNotFound());

		// an SVG with a script, by its content whatever its name and type
		MockMultipartFile svg = new MockMultipartFile("file", "photo.png", "image/png",
				"<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(1)\"/>".getBytes(StandardCharsets.UTF_8));
		mvc.perform(multipart("/api/v1/content/images").file(svg).with(branch1).with(csrf()))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("file"))
			.andExpect(jsonPath("$.errors[0].message").isNotEmpty());
		MockMultipartFile bomb = new MockMultipartFile("file", "big.png", "image/png", bombHeader());
		mvc.perform(multipart("/api/v1/content/images").file(bomb).with(branch1).with(csrf()))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("file"));

		// a member writes no news: 403
		mvc.perform(multipart("/api/v1/content/images").file(file).with(login("member1")).with(csrf()))
			.andExpect(status().isForbidden());
		// nobody signed in: 401
		mvc.perform(multipart("/api/v1/content/images").file(file).with(csrf())).andExpect(status().isUnauthorized());
	}

	@Test
	void aPastedWordDocumentKeepsItsFormattingAndItsPicture() throws Exception {
		String word;
		try (InputStream in = getClass().getResourceAsStream("/content/word-paste.html")) {
			word = new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		ContentHtml.Cleaned cleaned = html.clean(word, author());
		String body = cleaned.html();

		// formatting: heading, alignment, colour, bold, italics, underline, font size, lists, table spans, links
		assertThat(body).contains("<h1 style=\"text-align:center\">", "color:#c00000", "<b>", "<i>", "<u>",
				"font-size:14pt", "<ol", "<li>", "<table", "colspan=\"2\"", "rowspan=\"2\"",
				"href=\"https://www.example.edu.cn/news/1.html\"", "\u8ba1\u7b97\u673a\u5b66\u9662\u515a\u59d4");
		// Word's junk and everything that runs
		assertThat(body).doesNotContain("mso-", "o:p", "class=", "MsoNormal", "<!--", "[if", "endif", "<script",
				"alert", "<iframe", "<svg", "javascript:", "file:", "tracker.example", "@font-face",
				"<style", "<meta", "<link", "v:shape");
		assertThat(XssPayloads.executableIn(body)).isEmpty();

		// the pasted picture is one of ours now, re-encoded, with its alt text for screening
		java.util.regex.Matcher img = java.util.regex.Pattern.compile("<img[^>]* src=\"(/content/images/[A-Za-z0-9_-]{22})\"")
			.matcher(body);
		assertThat(img.find()).as(body).isTrue();
		String url = img.group(1);
		assertThat(img.find()).as("only the pasted picture stays").isFalse();
		byte[] served = fetch(url);
		assertThat(contains(served, "secret")).isFalse();
		assertThat(ImageIO.read(new ByteArrayInputStream(served)).getWidth()).isEqualTo(24);
		assertThat(cleaned.altTexts()).containsExactly("\u6d3b\u52a8\u73b0\u573a");
		// the local file and the tracking pixel were dropped, and the author is told
		assertThat(cleaned.warnings()).extracting(FieldProblem.Problem::messageKey).containsExactly("content.html.externalImages");
		assertThat(cleaned.warnings().get(0).args()).containsExactly(2);

		// cleaning again keeps the body as it is (a second save stores nothing new)
		assertThat(html.clean(body, author()).html()).isEqualTo(body);
	}

	@Test
	void theSamePastedPictureTwiceIsStoredOnce() throws Exception {
		String data = "data:image/png;base64," + java.util.Base64.getEncoder().encodeToString(png(picture(10, 10, false)));
		String body = html.clean("<p><img src=\"" + data + "\"><img src=\"" + data + "\"></p>", author()).html();
		java.util.regex.Matcher m = java.util.regex.Pattern.compile("/content/images/([A-Za-z0-9_-]{22})").matcher(body);
		assertThat(m.find()).isTrue();
		String first = m.group(1);
		assertThat(m.find()).isTrue();
		assertThat(m.group(1)).isEqualTo(first);
	}
}
