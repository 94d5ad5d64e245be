package cn.partybuilding.certificate;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.util.UriUtils;

import cn.partybuilding.shared.Caller;
import cn.partybuilding.shared.Downloads;
import cn.partybuilding.shared.MenuEntries;
import cn.partybuilding.shared.MenuEntry;
import cn.partybuilding.shared.PerMinute;
import cn.partybuilding.shared.PublicEndpoints;
import cn.partybuilding.shared.Role;
import cn.partybuilding.shared.VerificationCode;

/**
 * A certificate's PDF for its holder (and the issuing organisation's managers), the holder's list of their
 * certificates, and {@code /verify/certificates/{code}} for anyone, without signing in: genuine or not, what for,
 * the masked name and the issuer. Each address may ask {@code party.certificate.verify-per-minute} times a minute.
 */
@Controller
class CertificatePages {

	private final Certificates certificates;

	private final String publicUrl;

	private final PerMinute perMinute;

	CertificatePages(Certificates certificates, @Value("${party.public-url:http://localhost:8080}") String publicUrl,
			@Value("${party.certificate.verify-per-minute:30}") int perMinute, Clock clock) {
		this.certificates = certificates;
		this.publicUrl = publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
		this.perMinute = PerMinute.limit(perMinute, clock);
	}

	@GetMapping("/certificates/{code}.pdf")
	ResponseEntity<byte[]> pdf(@PathVariable String code) {
		Certificates.Certificate certificate = certificates.forDownload(Caller.require(), VerificationCode.typed(code));
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		CertificateDocument.pdf(certificate, certificates.issuerName(certificate), verifyUrl(certificate.code()), out);
		String name = CertificateDocument.heading(certificate.kind()) + "-" + certificate.holderName() + ".pdf";
		return ResponseEntity.ok()
			.contentType(MediaType.APPLICATION_PDF)
			.header(HttpHeaders.CONTENT_DISPOSITION, Downloads.attachment(name, "certificate-" + certificate.code() + ".pdf"))
			.body(out.toByteArray());
	}

	@GetMapping("/me/certificates")
	String mine(Model model) {
		model.addAttribute("certificates", certificates.mine(Caller.require()));
		return "certificate/mine";
	}

	/** The code typed from the printed certificate. */
	@GetMapping("/verify/certificates")
	String ask(@RequestParam(required = false) String code, Model model) {
		String typed = VerificationCode.typed(code);
		if (typed.isEmpty()) {
			model.addAttribute("asking", true);
			return "certificate/verify";
		}
		return "redirect:/verify/certificates/" + UriUtils.encodePathSegment(typed, StandardCharsets.UTF_8);
	}

	@GetMapping("/verify/certificates/{code}")
	String verify(@PathVariable String code, Model model, HttpServletRequest request, HttpServletResponse response) {
		if (!perMinute.allows(request.getRemoteAddr())) {
			response.setStatus(429);
			model.addAttribute("tooMany", true);
			return "certificate/verify";
		}
		certificates.verify(VerificationCode.typed(code)).ifPresentOrElse(v -> model.addAttribute("certificate", v),
				() -> response.setStatus(404));
		return "certificate/verify";
	}

	private String verifyUrl(String code) {
		return publicUrl + "/verify/certificates/" + code;
	}

	@Component
	static class Open implements PublicEndpoints {

		@Override
		public List<String> paths() {
			return List.of("/verify/certificates", "/verify/certificates/*");
		}
	}

	/** 我的证书, among a person's own pages. */
	@Component
	static class Menu implements MenuEntries {

		@Override
		public List<MenuEntry> entriesFor(Caller caller) {
			return caller.has(Role.MEMBER, Role.APPLICANT)
					? List.of(new MenuEntry(155, "nav.myCertificates", "/me/certificates", "bi-award"))
					: List.of();
		}
	}
}
