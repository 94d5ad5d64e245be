package cn.partybuilding;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Attribute;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.TextNode;
import org.junit.jupiter.api.Test;

/**
 * All user-facing text comes from the messages, Chinese first and English second (DESIGN.md): the two
 * files have the same keys, and no Chinese reaches a page from elsewhere — not from a template's own text,
 * not from a string in a page or API controller. Exempt, because they are Chinese by nature: the content
 * of documents and sheets (and their file names), stored 纪实, audit and notification text, and the demo's
 * data; in templates, the prototype text an element's th:text (or th:replace …) replaces and the
 * template's comments.
 */
class MessagesTest {

	private static final Pattern CJK = Pattern.compile("[\\x{4e00}-\\x{9fff}\\x{3000}-\\x{303f}\\x{ff01}-\\x{ff5e}]");

	/** Thymeleaf attributes that replace an element's content or the element itself. */
	private static final List<String> REPLACING = List.of("th:text", "th:utext", "th:replace", "th:insert", "th:remove");

	@Test
	void chineseAndEnglishMessagesHaveTheSameKeys() throws Exception {
		Properties zh = load("/messages.properties");
		Properties en = load("/messages_en.properties");
		assertThat(zh).isNotEmpty();
		assertThat(en.keySet()).containsExactlyInAnyOrderElementsOf(zh.keySet());
	}

	/** A year is a number MessageFormat would print as "2,026": a message that shows one says {n,number,#}. */
	@Test
	void yearsInMessagesAreNotPrintedWithAThousandsSeparator() throws Exception {
		Properties zh = load("/messages.properties");
		List<String> found = zh.stringPropertyNames().stream()
			.filter(key -> Pattern.compile("\\{\\d\\}\\s*年").matcher(zh.getProperty(key)).find())
			.sorted()
			.toList();
		assertThat(found).as("messages that print a year as {n}").isEmpty();
	}

	@Test
	void templatesShowNoChineseOfTheirOwn() throws IOException {
		List<String> found = new ArrayList<>();
		try (Stream<Path> files = Files.walk(Path.of("src/main/resources/templates"))) {
			for (Path file : files.filter(f -> f.toString().endsWith(".html")).sorted().toList()) {
				Document page = Jsoup.parse(Files.readString(file));
				for (Element element : page.getAllElements()) {
					if (replaced(element)) {
						continue;
					}
					for (TextNode text : element.textNodes()) {
						if (CJK.matcher(text.text()).find()) {
							found.add(file + ": " + text.text().strip());
						}
					}
					for (Attribute attribute : element.attributes()) {
						String value = attribute.getValue();
						boolean expression = attribute.getKey().startsWith("th:");
						if (expression ? CJK.matcher(literals(value)).find()
								: CJK.matcher(value).find() && !element.hasAttr("th:" + attribute.getKey())) {
							found.add(file + ": " + attribute.getKey() + "=\"" + value + "\"");
						}
					}
				}
			}
		}
		assertThat(found).as("Chinese in templates that would reach a page: use #{message keys}").isEmpty();
	}

	@Test
	void pageAndApiControllersSayNothingInChineseThemselves() throws IOException {
		List<String> found = new ArrayList<>();
		try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
			for (Path file : files.filter(f -> f.getFileName().toString().matches(".*(Pages|Page|Api)\\.java")).sorted()
				.toList()) {
				Matcher literal = Pattern.compile("\"([^\"\\\\]|\\\\.)*\"").matcher(withoutComments(Files.readString(file)));
				while (literal.find()) {
					String text = literal.group();
					// a document's or a sheet's file name is part of the (Chinese) document
					if (CJK.matcher(text).find() && !text.matches("\".*\\.(xlsx|xls|docx|pdf|zip)\"")) {
						found.add(file.getFileName() + ": " + text);
					}
				}
			}
		}
		assertThat(found).as("Chinese strings in page and API controllers: use message keys").isEmpty();
	}

	/** Whether Thymeleaf replaces this element's own text (or the element), so its prototype text is never shown. */
	private static boolean replaced(Element element) {
		for (Element e = element; e != null; e = e.parent()) {
			for (String attribute : REPLACING) {
				if (e.hasAttr(attribute)) {
					return true;
				}
			}
		}
		return false;
	}

	/** The string literals of a Thymeleaf expression ('…'), where text of its own would hide. */
	private static String literals(String expression) {
		StringBuilder out = new StringBuilder();
		Matcher m = Pattern.compile("'([^']*)'").matcher(expression);
		while (m.find()) {
			out.append(m.group(1)).append(' ');
		}
		return out.toString();
	}

	private static String withoutComments(String java) {
		return java.replaceAll("(?s)/\\*.*?\\*/", "").replaceAll("(?m)^\\s*//.*$", "").replaceAll("\\s//[^\"\\n]*$", "");
	}

	private static Properties load(String name) throws Exception {
		Properties p = new Properties();
		try (var in = new InputStreamReader(MessagesTest.class.getResourceAsStream(name), StandardCharsets.UTF_8)) {
			p.load(in);
		}
		return p;
	}
}
