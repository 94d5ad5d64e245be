package cn.partybuilding.shared;

import java.io.IOException;
import java.io.InputStream;

import java.util.Map;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import com.lowagie.text.BadElementException;
import com.lowagie.text.Chunk;
import com.lowagie.text.DocumentException;
import com.lowagie.text.Font;
import com.lowagie.text.Image;
import com.lowagie.text.Phrase;
import com.lowagie.text.pdf.BaseFont;
import com.lowagie.text.pdf.PdfContentByte;
import com.lowagie.text.pdf.PdfTemplate;

/**
 * Chinese text in the PDFs the platform prints (openpdf): Latin letters and digits in Liberation Sans (shipped
 * inside openpdf), everything else in Droid Sans Fallback (in the jar), both embedded as far as used, so the
 * text shows and extracts on a machine without any CJK font.
 */
public final class PdfText {

	private static final String CJK_FONT = "fonts/DroidSansFallbackFull.ttf";

	private static final String LATIN_FONT = "font-fallback/LiberationSans-Regular.ttf";

	private static volatile BaseFont[] fonts;

	private PdfText() {
	}

	/** The font a phrase's spacing is set in (the default would be Helvetica, which the file does not carry). */
	public static Font font(float size, int style) {
		return new Font(fonts()[0], size, style);
	}

	/**
	 * The text added to the phrase in runs, each in the first font that has its characters (openpdf's
	 * FontSelector would read a fallback font from the jar each time it is made); the phrase's own font set too.
	 */
	public static <P extends Phrase> P write(P phrase, String text, float size, int style) {
		BaseFont[] bases = fonts();
		phrase.setFont(font(size, style));
		StringBuilder run = new StringBuilder();
		int runFont = -1;
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			int f = 0;
			while (f < bases.length - 1 && !bases[f].charExists(c)) {
				f++;
			}
			if (f != runFont && run.length() > 0) {
				phrase.add(new Chunk(run.toString(), new Font(bases[runFont], size, style)));
				run.setLength(0);
			}
			runFont = f;
			run.append(c);
		}
		if (run.length() > 0) {
			phrase.add(new Chunk(run.toString(), new Font(bases[runFont], size, style)));
		}
		return phrase;
	}

	/** A QR code as filled squares in a PDF template: sharp at any print size. */
	public static Image qrCode(PdfContentByte canvas, String link) {
		BitMatrix matrix;
		try {
			matrix = new QRCodeWriter().encode(link, BarcodeFormat.QR_CODE, 0, 0,
					Map.of(EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.M, EncodeHintType.MARGIN, 1));
		}
		catch (WriterException e) {
			throw new IllegalArgumentException("no QR code for " + link, e);
		}
		int size = matrix.getWidth();
		PdfTemplate template = canvas.createTemplate(size, size);
		for (int y = 0; y < size; y++) {
			for (int x = 0; x < size; x++) {
				if (matrix.get(x, y)) {
					template.rectangle(x, size - 1 - y, 1, 1);
				}
			}
		}
		template.fill();
		try {
			return Image.getInstance(template);
		}
		catch (BadElementException e) {
			throw new IllegalStateException(e);
		}
	}

	/** The fonts, read from the classpath once; openpdf keeps each document's glyph use apart, so one instance serves all. */
	private static BaseFont[] fonts() {
		BaseFont[] f = fonts;
		if (f == null) {
			synchronized (PdfText.class) {
				if (fonts == null) {
					fonts = new BaseFont[] { load(LATIN_FONT), load(CJK_FONT) };
				}
				f = fonts;
			}
		}
		return f;
	}

	private static BaseFont load(String resource) {
		try (InputStream in = PdfText.class.getClassLoader().getResourceAsStream(resource)) {
			if (in == null) {
				throw new IllegalStateException(resource + " is missing from the classpath");
			}
			return BaseFont.createFont(resource.substring(resource.lastIndexOf('/') + 1), BaseFont.IDENTITY_H, BaseFont.EMBEDDED,
					true, in.readAllBytes(), null);
		}
		catch (IOException | DocumentException e) {
			throw new IllegalStateException("the PDF font " + resource + " could not be read", e);
		}
	}
}
