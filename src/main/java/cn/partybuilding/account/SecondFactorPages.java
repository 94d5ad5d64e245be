package cn.partybuilding.account;

import java.util.List;
import java.util.Optional;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import jakarta.validation.constraints.Size;

import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

import cn.partybuilding.shared.QrCode;
import cn.partybuilding.shared.Caller;

/**
 * The second-factor page after the password: enrolment (QR code, the secret as text, the first code, then the ten
 * recovery codes shown once) or the code (from the app, or a recovery code), with remember-this-device.
 */
@Controller
class SecondFactorPages {

	private final SecondFactors factors;

	SecondFactorPages(SecondFactors factors) {
		this.factors = factors;
	}

	@GetMapping("/account/second-factor")
	String page(Model model, HttpServletRequest request) {
		Caller caller = Caller.require();
		if (!factors.requiredFor(caller) || SecondFactorGate.passed(request.getSession(false), caller.accountId())) {
			return "redirect:/";
		}
		return form(caller, model, null);
	}

	@PostMapping("/account/second-factor/enrol")
	String enrol(@RequestParam(defaultValue = "") @Size(max = 20) String code, Model model, HttpServletRequest request) {
		Caller caller = Caller.require();
		if (!factors.requiredFor(caller)) {
			return "redirect:/";
		}
		Optional<List<String>> codes = factors.confirmEnrolment(caller, code);
		if (codes.isEmpty()) {
			if (locked(caller, request)) {
				return "redirect:/login?error";
			}
			return form(caller, model, "secondFactor.wrongCode");
		}
		given(caller, request);
		model.addAttribute("recoveryCodes", codes.get());
		model.addAttribute("next", next(request));
		return "account/second-factor-codes";
	}

	@PostMapping("/account/second-factor")
	String verify(@RequestParam(defaultValue = "") @Size(max = 20) String code,
			@RequestParam(defaultValue = "false") boolean remember, Model model, HttpServletRequest request,
			HttpServletResponse response) {
		Caller caller = Caller.require();
		if (!factors.requiredFor(caller)) {
			return "redirect:/";
		}
		switch (factors.verify(caller, code)) {
			case PASSED -> {
				given(caller, request);
				if (remember) {
					factors.remember(caller).ifPresent(value -> response.addCookie(deviceCookie(value, request)));
				}
				return "redirect:" + next(request);
			}
			case LOCKED -> {
				signOut(request);
				return "redirect:/login?error";
			}
			default -> {
				return form(caller, model, "secondFactor.wrongCode");
			}
		}
	}

	/** The session has given the factor: marked so, under a new id (as after the password). */
	private static void given(Caller caller, HttpServletRequest request) {
		request.getSession().setAttribute(SecondFactorGate.PASSED, caller.accountId());
		request.changeSessionId();
	}

	private String form(Caller caller, Model model, String error) {
		factors.enrolment(caller).ifPresent(e -> {
			model.addAttribute("secret", e.secret().replaceAll("(.{4})", "$1 ").trim());
			model.addAttribute("qr", QrCode.dataUri(e.otpauthUri()));
		});
		model.addAttribute("error", error);
		model.addAttribute("rememberDays", factors.rememberDays());
		return "account/second-factor";
	}

	/** After the count reached the limit the account is locked and its sessions end: sign this one out now. */
	private boolean locked(Caller caller, HttpServletRequest request) {
		if (!factors.isLocked(caller)) {
			return false;
		}
		signOut(request);
		return true;
	}

	private static void signOut(HttpServletRequest request) {
		HttpSession session = request.getSession(false);
		if (session != null) {
			session.invalidate();
		}
		SecurityContextHolder.clearContext();
	}

	private static String next(HttpServletRequest request) {
		HttpSession session = request.getSession();
		Object target = session.getAttribute(SecondFactorGate.TARGET);
		session.removeAttribute(SecondFactorGate.TARGET);
		return target instanceof String t && t.startsWith("/") && !t.startsWith("//") ? t : "/";
	}

	private Cookie deviceCookie(String value, HttpServletRequest request) {
		Cookie cookie = new Cookie(SecondFactorGate.DEVICE_COOKIE, value);
		cookie.setHttpOnly(true);
		cookie.setSecure(request.isSecure());
		cookie.setPath(request.getContextPath().isEmpty() ? "/" : request.getContextPath());
		cookie.setMaxAge(factors.rememberDays() * 24 * 3600);
		cookie.setAttribute("SameSite", "Lax");
		return cookie;
	}
}
