package cn.partybuilding.certificate;

import java.awt.Color;
import java.io.OutputStream;
import java.time.format.DateTimeFormatter;

import com.lowagie.text.Document;
import com.lowagie.text.DocumentException;
import com.lowagie.text.Element;
import com.lowagie.text.Font;
import com.lowagie.text.Image;
import com.lowagie.text.PageSize;
import com.lowagie.text.Paragraph;
import com.lowagie.text.Phrase;
import com.lowagie.text.Rectangle;
import com.lowagie.text.pdf.ColumnText;
import com.lowagie.text.pdf.PdfContentByte;
import com.lowagie.text.pdf.PdfWriter;

import cn.partybuilding.shared.PdfText;
import cn.partybuilding.shared.PlatformZone;

/**
 * A certificate on one landscape A4 page: what it is for, the holder, the course or class and what was achieved,
 * the issuing organisation and date, and at the foot the code and a QR leading to the public page that checks it.
 */
final class CertificateDocument {

	private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy年M月d日").withZone(PlatformZone.ZONE);

	private static final Color RED = new Color(0xB7, 0x1C, 0x1C);

	private CertificateDocument() {
	}

	static void pdf(Certificates.Certificate certificate, String issuerName, String verifyUrl, OutputStream out) {
		Document document = new Document(PageSize.A4.rotate(), 90, 90, 70, 60);
		try {
			PdfWriter writer = PdfWriter.getInstance(document, out);
			document.addTitle(heading(certificate.kind()) + " " + certificate.code());
			document.open();
			border(writer.getDirectContent(), document.getPageSize());

			Paragraph title = PdfText.write(new Paragraph(), heading(certificate.kind()), 30, Font.BOLD);
			title.setAlignment(Element.ALIGN_CENTER);
			title.setSpacingAfter(36);
			document.add(title);

			document.add(PdfText.write(new Paragraph(), certificate.holderName() + " 同志：", 16, Font.NORMAL));
			Paragraph body = PdfText.write(new Paragraph(),
					"于" + DATE.format(certificate.achievedAt()) + "完成《" + certificate.title() + "》"
							+ (certificate.achievement().isBlank() ? "" : "，" + certificate.achievement()) + "。特发此证。",
					16, Font.NORMAL);
			body.setFirstLineIndent(32);
			body.setLeading(30);
			body.setSpacingBefore(12);
			body.setSpacingAfter(48);
			document.add(body);

			Paragraph issuer = PdfText.write(new Paragraph(), issuerName, 15, Font.NORMAL);
			issuer.setAlignment(Element.ALIGN_RIGHT);
			document.add(issuer);
			Paragraph date = PdfText.write(new Paragraph(), DATE.format(certificate.issuedAt()), 15, Font.NORMAL);
			date.setAlignment(Element.ALIGN_RIGHT);
			document.add(date);

			Image qr = PdfText.qrCode(writer.getDirectContent(), verifyUrl);
			qr.scaleToFit(64, 64);
			qr.setAbsolutePosition(document.left(), document.bottom());
			document.add(qr);
			ColumnText.showTextAligned(writer.getDirectContent(), Element.ALIGN_LEFT,
					PdfText.write(new Phrase(), "证书编号 " + grouped(certificate.code()) + "    核验：" + verifyUrl, 9, Font.NORMAL),
					document.left() + 74, document.bottom() + 28, 0);
			document.close();
		}
		catch (DocumentException e) {
			throw new IllegalStateException("the certificate could not be laid out", e);
		}
	}

	/** ABCD-EFGH-JKLM: easier to read aloud and to type; the page forgives the dashes. */
	static String grouped(String code) {
		return code.substring(0, 4) + "-" + code.substring(4, 8) + "-" + code.substring(8);
	}

	static String heading(String kind) {
		return switch (kind) {
			case "COURSE" -> "课程结业证书";
			case "TRAINING" -> "培训结业证书";
			case "VOLUNTEER" -> "志愿服务证明";
			default -> "证书";
		};
	}

	private static void border(PdfContentByte canvas, Rectangle page) {
		canvas.saveState();
		canvas.setColorStroke(RED);
		canvas.setLineWidth(4);
		canvas.rectangle(24, 24, page.getWidth() - 48, page.getHeight() - 48);
		canvas.stroke();
		canvas.setLineWidth(1);
		canvas.rectangle(32, 32, page.getWidth() - 64, page.getHeight() - 64);
		canvas.stroke();
		canvas.restoreState();
	}
}
