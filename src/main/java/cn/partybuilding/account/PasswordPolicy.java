package cn.partybuilding.account;

import java.nio.charset.StandardCharsets;

import org.springframework.stereotype.Component;

import cn.partybuilding.shared.FieldProblem;

/** 等级保护 password complexity: length and character classes, both settings. */
@Component
class PasswordPolicy {

	private final SecuritySettings.Password rules;

	PasswordPolicy(SecuritySettings settings) {
		this.rules = settings.password();
	}

	void check(String field, String password, String username) {
		if (password == null || password.length() < rules.minLength()) {
			throw new FieldProblem(field, "password.tooShort", rules.minLength());
		}
		// bcrypt reads at most 72 bytes; a longer password would be silently cut (or refused by the encoder)
		if (password.getBytes(StandardCharsets.UTF_8).length > 72) {
			throw new FieldProblem(field, "password.tooLong");
		}
		if (classes(password) < rules.minClasses()) {
			throw new FieldProblem(field, "password.tooSimple", rules.minClasses());
		}
		if (username != null && password.toLowerCase().contains(username.toLowerCase())) {
			throw new FieldProblem(field, "password.containsUsername");
		}
	}

	static int classes(String password) {
		boolean upper = false, lower = false, digit = false, symbol = false;
		for (char c : password.toCharArray()) {
			if (Character.isUpperCase(c)) {
				upper = true;
			}
			else if (Character.isLowerCase(c)) {
				lower = true;
			}
			else if (Character.isDigit(c)) {
				digit = true;
			}
			else {
				symbol = true;
			}
		}
		return (upper ? 1 : 0) + (lower ? 1 : 0) + (digit ? 1 : 0) + (symbol ? 1 : 0);
	}

	int minLength() {
		return rules.minLength();
	}

	int minClasses() {
		return rules.minClasses();
	}
}
