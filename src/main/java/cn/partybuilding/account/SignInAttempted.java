package cn.partybuilding.account;

import java.time.Instant;

import cn.partybuilding.shared.AuditableEvent;

/** A sign-in attempt: succeeded, refused, or the one that locked the account. */
public record SignInAttempted(String action, String username, String summary, Outcome outcome)
		implements AuditableEvent {

	static SignInAttempted succeeded(String username) {
		return new SignInAttempted("login.success", username, "登录成功", Outcome.SUCCESS);
	}

	static SignInAttempted refused(String username, String why) {
		return new SignInAttempted("login.failure", username, why, Outcome.FAILURE);
	}

	/** A wrong current password when changing one's own: counted and audited like a failed sign-in. */
	static SignInAttempted currentPasswordWrong(String username, int failures) {
		return new SignInAttempted("login.failure", username, "修改密码时当前密码错误（连续第 " + failures + " 次）",
				Outcome.FAILURE);
	}

	static SignInAttempted locked(String username, Instant until) {
		return new SignInAttempted("login.lockout", username, "连续登录失败，账号锁定至 " + until, Outcome.DENIED);
	}

	static SignInAttempted secondFactorEnrolled(String username) {
		return new SignInAttempted("second-factor.enrol", username, "启用第二因素（动态口令），生成 10 个恢复码",
				Outcome.SUCCESS);
	}

	static SignInAttempted secondFactorPassed(String username, String how) {
		return new SignInAttempted("second-factor.success", username, "第二因素验证通过（" + how + "）", Outcome.SUCCESS);
	}

	static SignInAttempted secondFactorFailed(String username, String why) {
		return new SignInAttempted("second-factor.failure", username, why, Outcome.FAILURE);
	}

	static SignInAttempted recoveryCodeUsed(String username, int left) {
		return new SignInAttempted("second-factor.recovery-code", username, "使用恢复码登录，剩余 " + left + " 个",
				Outcome.SUCCESS);
	}

	static SignInAttempted loggedOut(String username) {
		return new SignInAttempted("logout", username, "退出登录", Outcome.SUCCESS);
	}

	@Override
	public String entityType() {
		return "account";
	}

	@Override
	public String entityId() {
		return username;
	}

	@Override
	public String actor() {
		return username;
	}
}
