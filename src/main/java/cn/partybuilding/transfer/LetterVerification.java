package cn.partybuilding.transfer;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.util.UriUtils;

import cn.partybuilding.shared.PerMinute;
import cn.partybuilding.shared.PublicEndpoints;
import cn.partybuilding.shared.VerificationCode;

/**
 * {@code /verify/letters/{code}}, without signing in: a receiving organisation reads whether a letter is
 * genuine and still valid — its number, the masked name, where it goes, its state, nothing else. Each
 * address may ask {@code party.transfer.verify-per-minute} (30) times a minute; codes cannot be guessed
 * (12 characters from 31).
 */
@Controller
class LetterVerification {

	private final OutgoingLetters letters;

	private final PerMinute perMinute;

	LetterVerification(OutgoingLetters letters, Clock clock, @Value("${party.transfer.verify-per-minute:30}") int perMinute) {
		this.letters = letters;
		this.perMinute = PerMinute.limit(perMinute, clock);
	}

	/** The code typed from the printed letter (spaces, dashes and small letters forgiven). */
	@GetMapping("/verify/letters")
	String ask(@RequestParam(required = false) String code, Model model) {
		String typed = VerificationCode.typed(code);
		if (typed.isEmpty()) {
			model.addAttribute("asking", true);
			return "transfer/verify";
		}
		return "redirect:/verify/letters/" + UriUtils.encodePathSegment(typed,
				StandardCharsets.UTF_8);
	}

	@GetMapping("/verify/letters/{code}")
	String verify(@PathVariable String code, Model model, HttpServletRequest request, HttpServletResponse response) {
		if (!perMinute.allows(request.getRemoteAddr())) {
			response.setStatus(429);
			model.addAttribute("tooMany", true);
			return "transfer/verify";
		}
		letters.verify(VerificationCode.typed(code)).ifPresentOrElse(v -> model.addAttribute("letter", v),
				() -> response.setStatus(404));
		return "transfer/verify";
	}

	@Component
	static class Open implements PublicEndpoints {

		@Override
		public List<String> paths() {
			return List.of("/verify/letters", "/verify/letters/*");
		}
	}
}
