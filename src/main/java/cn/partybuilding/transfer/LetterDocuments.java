package cn.partybuilding.transfer;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import com.lowagie.text.Chunk;
import com.lowagie.text.Document;
import com.lowagie.text.DocumentException;
import com.lowagie.text.Element;
import com.lowagie.text.Font;
import com.lowagie.text.Image;
import com.lowagie.text.PageSize;
import com.lowagie.text.Paragraph;
import com.lowagie.text.pdf.PdfWriter;
import com.lowagie.text.pdf.draw.DottedLineSeparator;
import org.apache.poi.openxml4j.exceptions.InvalidFormatException;
import org.apache.poi.util.Units;
import org.apache.poi.xwpf.usermodel.ParagraphAlignment;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFParagraph;
import org.apache.poi.xwpf.usermodel.XWPFRun;

import cn.partybuilding.shared.PdfText;

/**
 * Prints introduction letters: a PDF (one A4 page per letter, the three parts divided by cut lines) and an
 * editable .docx. The PDF embeds the glyphs it uses from Droid Sans Fallback (in the jar), so its Chinese
 * shows and extracts on a machine without any CJK font; the QR code is drawn as vector squares.
 */
final class LetterDocuments {

	private LetterDocuments() {
	}

	/** Letters into one PDF, a page each. */
	static void pdf(List<LetterText> letters, OutputStream out) {
		try (Pdf pdf = new Pdf(out, letters.size() == 1 ? letters.get(0).fileName() : "中国共产党党员组织关系介绍信")) {
			letters.forEach(pdf::add);
		}
	}

	/** A PDF written a letter at a time: a batch of thousands never holds more than one page in memory. */
	static final class Pdf implements AutoCloseable {

		private final Document document = new Document(PageSize.A4, 56, 56, 40, 40);

		private final PdfWriter writer;

		private final Fonts title = new Fonts(15, Font.BOLD);

		private final Fonts text = new Fonts(11, Font.NORMAL);

		private final Fonts small = new Fonts(9, Font.NORMAL);

		private boolean first = true;

		Pdf(OutputStream out, String documentTitle) {
			try {
				writer = PdfWriter.getInstance(document, out);
			}
			catch (DocumentException e) {
				throw new IllegalStateException(e);
			}
			writer.setCompressionLevel(6);
			document.addTitle(documentTitle);
			document.open();
		}

		void add(LetterText letter) {
			try {
				if (!first) {
					document.newPage();
				}
				first = false;
				page(letter);
			}
			catch (DocumentException e) {
				throw new IllegalStateException("the letter could not be laid out", e);
			}
		}

		@Override
		public void close() {
			if (first) {
				try {
					document.add(text.paragraph("（没有需要打印的介绍信）"));
				}
				catch (DocumentException e) {
					throw new IllegalStateException(e);
				}
			}
			document.close();
		}

		private void page(LetterText letter) throws DocumentException {
			for (int i = 0; i < letter.parts().size(); i++) {
				LetterText.Part part = letter.parts().get(i);
				if (i > 0) {
					// in our own font: a bare chunk would name Helvetica, which the file does not carry
					Chunk line = new Chunk(new DottedLineSeparator());
					line.setFont(small.first());
					Paragraph cut = new Paragraph(line);
					cut.setFont(small.first());
					cut.setSpacingBefore(6);
					document.add(cut);
					Paragraph hint = small.paragraph("（沿虚线剪开）");
					hint.setAlignment(Element.ALIGN_CENTER);
					document.add(hint);
				}
				Paragraph heading = title.paragraph(part.title());
				heading.setAlignment(Element.ALIGN_CENTER);
				heading.setSpacingBefore(i == 0 ? 0 : 6);
				document.add(heading);
				Paragraph number = text.paragraph("第 " + letter.number() + " 号");
				number.setAlignment(Element.ALIGN_RIGHT);
				document.add(number);
				if (!part.addressee().isEmpty()) {
					document.add(text.paragraph(part.addressee()));
				}
				for (String line : part.paragraphs()) {
					Paragraph paragraph = text.paragraph(line);
					paragraph.setLeading(18);
					paragraph.setFirstLineIndent(22);
					document.add(paragraph);
				}
				if (part.title().equals("中国共产党党员组织关系介绍信")) {
					Image qr = PdfText.qrCode(writer.getDirectContent(), letter.verifyUrl());
					qr.scaleToFit(72, 72);
					qr.setAlignment(Image.ALIGN_LEFT);
					document.add(qr);
				}
				for (String line : part.foot()) {
					Paragraph foot = (line.startsWith("核验") ? small : text).paragraph(line);
					foot.setAlignment(line.startsWith("核验") ? Element.ALIGN_LEFT : Element.ALIGN_RIGHT);
					document.add(foot);
				}
			}
		}
	}

	static byte[] pdf(LetterText letter) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		pdf(List.of(letter), out);
		return out.toByteArray();
	}

	/** The same letter as an editable Word document (宋体 for the Chinese, as offices expect). */
	static byte[] docx(LetterText letter) {
		try (XWPFDocument document = new XWPFDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
			for (int i = 0; i < letter.parts().size(); i++) {
				LetterText.Part part = letter.parts().get(i);
				if (i > 0) {
					line(document, "- - - - - - - - - - - - - - - - （沿虚线剪开） - - - - - - - - - - - - - - - -", 9, false,
							ParagraphAlignment.CENTER);
				}
				line(document, part.title(), 16, true, ParagraphAlignment.CENTER);
				line(document, "第 " + letter.number() + " 号", 11, false, ParagraphAlignment.RIGHT);
				if (!part.addressee().isEmpty()) {
					line(document, part.addressee(), 12, false, ParagraphAlignment.LEFT);
				}
				for (String text : part.paragraphs()) {
					line(document, text, 12, false, ParagraphAlignment.LEFT).setIndentationFirstLine(480);
				}
				if (part.title().equals("中国共产党党员组织关系介绍信")) {
					XWPFRun run = document.createParagraph().createRun();
					run.addPicture(new ByteArrayInputStream(qrPng(letter.verifyUrl())), XWPFDocument.PICTURE_TYPE_PNG,
							"qr.png", Units.toEMU(72), Units.toEMU(72));
				}
				for (String text : part.foot()) {
					line(document, text, text.startsWith("核验") ? 9 : 12, false,
							text.startsWith("核验") ? ParagraphAlignment.LEFT : ParagraphAlignment.RIGHT);
				}
			}
			document.write(out);
			return out.toByteArray();
		}
		catch (IOException | InvalidFormatException e) {
			throw new IllegalStateException("the letter could not be written as .docx", e);
		}
	}

	private static XWPFParagraph line(XWPFDocument document, String text, int size, boolean bold, ParagraphAlignment align) {
		XWPFParagraph paragraph = document.createParagraph();
		paragraph.setAlignment(align);
		XWPFRun run = paragraph.createRun();
		run.setText(text);
		run.setFontSize(size);
		run.setBold(bold);
		run.setFontFamily("宋体", XWPFRun.FontCharRange.eastAsia);
		run.setFontFamily("Times New Roman", XWPFRun.FontCharRange.ascii);
		return paragraph;
	}

	private static BitMatrix qr(String link) {
		try {
			return new QRCodeWriter().encode(link, BarcodeFormat.QR_CODE, 0, 0,
					Map.of(EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.M, EncodeHintType.MARGIN, 1));
		}
		catch (WriterException e) {
			throw new IllegalArgumentException("no QR code for " + link, e);
		}
	}

	private static byte[] qrPng(String link) {
		BitMatrix matrix = qr(link);
		int scale = 6;
		int size = matrix.getWidth();
		BufferedImage image = new BufferedImage(size * scale, size * scale,
				BufferedImage.TYPE_BYTE_BINARY);
		for (int y = 0; y < size * scale; y++) {
			for (int x = 0; x < size * scale; x++) {
				image.setRGB(x, y, matrix.get(x / scale, y / scale) ? 0x000000 : 0xFFFFFF);
			}
		}
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		try {
			ImageIO.write(image, "png", out);
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
		return out.toByteArray();
	}

	/** A size and style in both fonts: each character set in the first that has it ({@link PdfText}). */
	private record Fonts(float size, int style) {

		Font first() {
			return PdfText.font(size, style);
		}

		Paragraph paragraph(String text) {
			return PdfText.write(new Paragraph(), text, size, style);
		}
	}
}
