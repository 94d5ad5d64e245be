package cn.partybuilding.development;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

import org.apache.poi.xwpf.extractor.XWPFWordExtractor;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import cn.partybuilding.shared.FieldProblem;

/**
 * The default templates shipped in the jar: each opens, uses only the documented placeholder names, and
 * comes out without a placeholder left once filled. With {@code -Dregenerate.templates=true} it first writes
 * them again from {@link DevelopmentTemplatesGenerator} (then commit the changed files).
 */
class DevelopmentTemplatesTest {

	@Test
	@EnabledIfSystemProperty(named = "regenerate.templates", matches = "true")
	void regenerate() throws IOException {
		DevelopmentTemplatesGenerator.main(new String[0]);
	}

	@Test
	void everyDefaultTemplateOpensAndUsesOnlyKnownPlaceholders() throws IOException {
		for (int step : DevelopmentDocuments.TITLES.keySet()) {
			byte[] template = shipped(step);
			assertThat(template).as("step %d's default template", step).isNotNull();
			DevelopmentTemplates.check(template, 5L << 20);
			Set<String> names = DocxFiller.placeholders(template);
			assertThat(names).as("step %d's placeholders", step).isNotEmpty()
				.allSatisfy(n -> assertThat(DevelopmentDocuments.known(n)).as("%s in step %d", n, step).isTrue());
			assertThat(template.length).as("step %d is small", step).isLessThan(20_000);

			Map<String, String> values = new HashMap<>();
			names.forEach(n -> values.put(n, "值"));
			try (XWPFDocument filled = DocxFillerTest.open(DocxFiller.fill(template, values))) {
				String text = new XWPFWordExtractor(filled).getText();
				assertThat(text).as("step %d filled", step).doesNotContain("{{").contains(DevelopmentDocuments.TITLES.get(step));
			}
		}
	}

	@Test
	void theShippedTemplatesAreWhatTheGeneratorWrites() throws IOException {
		Map<Integer, byte[]> generated = DevelopmentTemplatesGenerator.templates();
		assertThat(generated.keySet()).containsExactlyInAnyOrderElementsOf(DevelopmentDocuments.TITLES.keySet());
		for (Map.Entry<Integer, byte[]> g : generated.entrySet()) {
			try (XWPFDocument fresh = DocxFillerTest.open(g.getValue()); XWPFDocument shipped = DocxFillerTest.open(shipped(g.getKey()))) {
				assertThat(new XWPFWordExtractor(shipped).getText()).as("step %d: regenerate the templates", g.getKey())
					.isEqualTo(new XWPFWordExtractor(fresh).getText());
			}
		}
	}

	@Test
	void anUploadIsCheckedByItsBytesAndItsSize() throws IOException {
		byte[] docx = shipped(2);
		DevelopmentTemplates.check(docx, docx.length);
		assertThatThrownBy(() -> DevelopmentTemplates.check(docx, docx.length - 1)).isInstanceOf(FieldProblem.class)
			.satisfies(e -> assertThat(((FieldProblem) e).problems().get(0).messageKey()).isEqualTo("development.template.tooLarge"));
		assertThatThrownBy(() -> DevelopmentTemplates.check(new byte[0], 100))
			.satisfies(e -> assertThat(((FieldProblem) e).problems().get(0).messageKey()).isEqualTo("development.template.empty"));
		assertThatThrownBy(() -> DevelopmentTemplates.check("PK\u0003\u0004 word/ but no zip".getBytes(), 100))
			.satisfies(e -> assertThat(((FieldProblem) e).problems().get(0).messageKey()).isEqualTo("development.template.notDocx"));
	}

	@Test
	void theDocumentedNamesAreKnownAndOthersAreNot() {
		assertThat(DevelopmentDocuments.known("name")).isTrue();
		assertThat(DevelopmentDocuments.known("s02.date")).isTrue();
		assertThat(DevelopmentDocuments.known("s15.vote.writtenYes")).isTrue();
		assertThat(DevelopmentDocuments.known("s25.note")).isTrue();
		assertThat(DevelopmentDocuments.known("s26.note")).isFalse();
		assertThat(DevelopmentDocuments.known("s2.date")).isFalse();
		assertThat(DevelopmentDocuments.known("s02.vote")).isFalse();
		assertThat(DevelopmentDocuments.known("nmae")).isFalse();
	}

	static byte[] shipped(int step) throws IOException {
		try (InputStream in = DevelopmentTemplatesTest.class.getClassLoader()
			.getResourceAsStream(String.format("development/templates/step-%02d.docx", step))) {
			return in == null ? null : in.readAllBytes();
		}
	}
}
