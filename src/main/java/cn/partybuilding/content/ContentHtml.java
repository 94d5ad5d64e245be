package cn.partybuilding.content;

import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.stereotype.Component;

import cn.partybuilding.shared.Caller;
import cn.partybuilding.shared.FieldProblem;
import cn.partybuilding.shared.RichText;

/**
 * The body of a news item or notice as it is stored, whatever the editor (or a client skipping it) sent: the
 * formatting of a pasted Word document is kept (bold, italics, headings, lists, tables, alignment, colours, font
 * sizes), its junk (mso styles, o:p, conditional comments, classes) and everything that runs are dropped, every
 * embedded data: image becomes one of our re-encoded images, and images from elsewhere go (on the public portal
 * they would be tracking pixels; fetching them on the server would invite SSRF).
 */
@Component
class ContentHtml {

	/**
	 * The cleaned HTML, the alt texts of its images (for screening) and what was dropped that the author should know
	 * of (field body, a message key and its arguments); warnings do not stop the save.
	 */
	record Cleaned(String html, List<String> altTexts, List<FieldProblem.Problem> warnings) {
	}

	static final String FIELD = "body";

	private static final Pattern DATA_IMAGE = Pattern.compile("(?is)data:image/[a-z0-9.+-]+(?:;[a-z0-9=._-]+)*;base64,(.*)");

	private static final Pattern ALT = Pattern.compile("<img\\b[^>]*?\\balt=\"([^\"]*)\"");

	/**
	 * A quoted font name of Chinese letters (or letters, digits, underscores) in a font-family: the sanitiser drops
	 * such quoted names, though it keeps them unquoted (and writes them back quoted, so a second save would lose
	 * them): unquoted before cleaning, they survive every save.
	 */
	private static final Pattern QUOTED_FONT = Pattern.compile(
			"(?i)(font-family\\s*:[^;>]{0,200}?)(?:'|\"|&#39;|&#x27;|&quot;|&#34;)([\\p{IsHan}\\w]+)(?:'|\"|&#39;|&#x27;|&quot;|&#34;)");

	private final ContentImages images;

	ContentHtml(ContentImages images) {
		this.images = images;
	}

	/**
	 * Cleans a body for saving; called on every save. Embedded images are stored on the caller's behalf (they go
	 * with the save's transaction if it rolls back). Null is an empty body.
	 */
	Cleaned clean(String html, Caller caller) {
		if (html == null || html.isBlank()) {
			return new Cleaned("", List.of(), List.of());
		}
		List<FieldProblem.Problem> warnings = new ArrayList<>();
		Map<String, String> storedByData = new HashMap<>();
		int[] external = { 0 };
		int[] unsent = { 0 };
		String cleaned = RichText.sanitise(unquotedFonts(html), src -> {
			String trimmed = src.trim();
			if (ContentImages.OWN_URL.matcher(trimmed).matches()) {
				return trimmed;
			}
			if (trimmed.regionMatches(true, 0, "data:", 0, 5)) {
				return storedByData.computeIfAbsent(trimmed, data -> embedded(data, caller, warnings));
			}
			if (trimmed.regionMatches(true, 0, "blob:", 0, 5)) {
				// a picture the editor had not uploaded yet when the form was sent: its address means nothing here
				unsent[0]++;
				return null;
			}
			external[0]++;
			return null;
		});
		if (external[0] > 0) {
			warnings.add(new FieldProblem.Problem(FIELD, "content.html.externalImages", new Object[] { external[0] }));
		}
		if (unsent[0] > 0) {
			warnings.add(new FieldProblem.Problem(FIELD, "content.html.unsentImages", new Object[] { unsent[0] }));
		}
		return new Cleaned(cleaned, altTexts(cleaned), List.copyOf(warnings));
	}

	/** Stores the image a data: URL carries and answers its URL; null (and a warning) when it is no image of ours. */
	private String embedded(String data, Caller caller, List<FieldProblem.Problem> warnings) {
		Matcher m = DATA_IMAGE.matcher(data);
		if (!m.matches()) {
			warnings.add(new FieldProblem.Problem(FIELD, "content.image.notImage", new Object[0]));
			return null;
		}
		String base64 = m.group(1);
		// the decoded size without decoding: three bytes for four characters
		if ((long) base64.length() * 3 / 4 > images.maxBytes() + 3) {
			warnings.add(new FieldProblem.Problem(FIELD, "content.image.tooLarge",
					new Object[] { images.maxBytes() / (1024 * 1024) }));
			return null;
		}
		byte[] bytes;
		try {
			bytes = Base64.getMimeDecoder().decode(base64.replace("%2B", "+").replace("%2F", "/").replace("%3D", "="));
		}
		catch (IllegalArgumentException e) {
			warnings.add(new FieldProblem.Problem(FIELD, "content.image.notImage", new Object[0]));
			return null;
		}
		try {
			return images.store(caller, bytes, FIELD).url();
		}
		catch (FieldProblem e) {
			warnings.addAll(e.problems());
			return null;
		}
	}

	static String unquotedFonts(String html) {
		String before;
		String after = html;
		int rounds = 0;
		do {
			before = after;
			after = QUOTED_FONT.matcher(before).replaceAll("$1$2");
		}
		while (!after.equals(before) && ++rounds < 8);
		return after;
	}

	/** The alt texts of the images kept, as a reader would read them (entities decoded), blank ones left out. */
	static List<String> altTexts(String cleaned) {
		List<String> alts = new ArrayList<>();
		Matcher m = ALT.matcher(cleaned);
		while (m.find()) {
			String text = RichText.text(m.group(1));
			if (!text.isEmpty()) {
				alts.add(text);
			}
		}
		return List.copyOf(alts);
	}
}
