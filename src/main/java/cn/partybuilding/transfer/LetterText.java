package cn.partybuilding.transfer;

import java.time.LocalDate;
import java.time.Period;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;

import cn.partybuilding.member.Gender;
import cn.partybuilding.member.MemberParticulars;
import cn.partybuilding.member.MemberStatus;

/**
 * The words of an introduction letter (介绍信) in its three parts — 存根 kept by the committee, the letter
 * itself, and the 回执 the receiving organisation sends back. The PDF and the .docx print the same words.
 */
record LetterText(String number, String verifyCode, String verifyUrl, String memberName, List<Part> parts) {

	/** One part: a title, whom it is addressed to (may be empty), paragraphs, and the lines at the foot. */
	record Part(String title, String addressee, List<String> paragraphs, List<String> foot) {
	}

	private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy年M月d日");

	static LetterText of(TransferView t, MemberParticulars member, String committee, LocalDate issuedOn, String verifyUrl) {
		TransferView.Letter letter = t.letter();
		String from = committee + " " + t.fromName().replace(" / ", " ");
		String to = t.toName();
		String who = member.name() + " 同志（" + describe(member, issuedOn) + "）";
		String status = member.status() == MemberStatus.PROBATIONARY ? "中共预备党员" : "中共正式党员";
		String paid = "党费已交到 " + paidUpTo(letter.paidUpTo()) + "。";
		long validityDays = ChronoUnit.DAYS.between(issuedOn, letter.validUntil());
		String validity = "有效期 " + validityDays + " 天，至 " + DAY.format(letter.validUntil()) + "止";
		Part stub = new Part("中国共产党党员组织关系介绍信（存根）", "",
				List.of(who + "，系" + status + "，组织关系由" + from + "转到" + to + "。" + paid,
						"转出原因：" + t.reason(), validity + "。"),
				List.of("开具日期：" + DAY.format(issuedOn)));
		Part body = new Part("中国共产党党员组织关系介绍信", to + "：",
				List.of("兹介绍 " + who + "等 壹 人，系" + status + "，前往你处，请转接组织关系。" + paid,
						"（" + validity + "）",
						"党员联系电话：________________　　原基层党委联系电话：________________"),
				List.of(committee + "（盖章）", DAY.format(issuedOn),
						"核验：扫描二维码或访问 " + verifyUrl + "　验证码 " + letter.verifyCode()));
		Part receipt = new Part("中国共产党党员组织关系介绍信（回执）", committee + "：",
				List.of(member.name() + " 同志的党员组织关系已转达我处，特此回复。"),
				List.of("接收党组织（盖章）", "　　年　　月　　日"));
		return new LetterText(letter.number(), letter.verifyCode(), verifyUrl, member.name(), List.of(stub, body, receipt));
	}

	/** 男，35 岁，汉族，身份证号码 …: as much as the profile holds. */
	private static String describe(MemberParticulars member, LocalDate on) {
		StringBuilder out = new StringBuilder(member.gender() == Gender.FEMALE ? "女" : "男");
		if (member.birthDate() != null) {
			out.append("，").append(Period.between(member.birthDate(), on).getYears()).append(" 岁");
		}
		if (member.ethnicity() != null && !member.ethnicity().isBlank()) {
			out.append("，").append(member.ethnicity());
		}
		if (member.idCard() != null) {
			out.append("，身份证号码 ").append(member.idCard());
		}
		return out.toString();
	}

	/** 2026年10月, or a plain statement when nothing was ever paid. */
	static String paidUpTo(String yearMonth) {
		if (yearMonth == null) {
			return "（无缴纳记录）";
		}
		YearMonth month = YearMonth.parse(yearMonth);
		return month.getYear() + "年" + month.getMonthValue() + "月";
	}

	/** The file name a download offers: 介绍信-2026-0001. */
	String fileName() {
		return "介绍信-" + number;
	}
}
