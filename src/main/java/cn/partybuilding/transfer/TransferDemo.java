package cn.partybuilding.transfer;

import java.sql.Date;
import java.time.LocalDate;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import cn.partybuilding.account.AccountManagement;
import cn.partybuilding.shared.Caller;

/**
 * Transfers for the demo university, made through the real rules by the demo's accounts: a teacher of
 * branch1's branch asking to move (waiting for branch1), a letter out that lapsed without its 回执, a member
 * not heard of for eight months and a student abroad — so the transfer and 口袋党员 pages have something to
 * show. Not used by anything else.
 */
@Component
public class TransferDemo {

	private final Transfers transfers;

	private final AccountManagement accounts;

	private final JdbcTemplate jdbc;

	TransferDemo(Transfers transfers, AccountManagement accounts, JdbcTemplate jdbc) {
		this.transfers = transfers;
		this.accounts = accounts;
		this.jdbc = jdbc;
	}

	@Transactional
	public void seed(LocalDate today) {
		Long[] teachers = jdbc.queryForList("""
				select m.id from member m join organization o on o.id = m.organization_id
				where o.code = 'SFDX-JSJ-01' and m.staff_number like 'T%' order by m.id desc limit 3""", Long.class).toArray(Long[]::new);
		if (teachers.length < 3) {
			return;
		}
		long toBranch = jdbc.queryForObject("select id from organization where code = 'SFDX-JSJ-02'", Long.class);
		// asked by the teacher: waits for branch1
		String asker = jdbc.queryForObject("select a.username from member m join account a on a.id = m.account_id where m.id = ?",
				String.class, teachers[0]);
		transfers.start(accounts.callerFor(asker),
				new Transfers.Request(teachers[0], Transfers.Kind.INTERNAL, toBranch, null, null, "到本学院研究生党支部任指导教师"));
		// a letter out, issued and lapsed: 口袋党员 for the committee until the 回执 comes or the letter is reissued
		Caller branch1 = accounts.callerFor("branch1");
		Transfers.TransferView out = transfers.start(branch1, new Transfers.Request(teachers[1], Transfers.Kind.OUTGOING, null,
				"中共深圳市某科技有限公司委员会", "EMPLOYER", "调往深圳工作", "广东省深圳市南山区"));
		transfers.approve(accounts.callerFor("college1"), out.id());
		transfers.approve(accounts.callerFor("admin"), out.id());
		jdbc.update("update transfer set issued_at = issued_at - interval '100 days', valid_until = ? where id = ?",
				Date.valueOf(today.minusDays(10)), out.id());
		jdbc.update("update transfer_letter set issued_at = issued_at - interval '100 days', valid_until = ? where transfer_id = ?",
				Date.valueOf(today.minusDays(10)), out.id());
		// not heard of since spring
		jdbc.update("insert into member_contact (member_id, last_at, how) values (?, now() - interval '8 months', '参加主题党日')",
				teachers[2]);
		// a student abroad, last in touch seven months ago
		jdbc.queryForList("""
				select m.id from member m join organization o on o.id = m.organization_id
				where m.category = 'STUDENT' and o.code like 'SFDX-JSJ-%' order by m.id limit 1""", Long.class).forEach(student -> {
			jdbc.update("insert into member_abroad (member_id, country, since, recorded_by) values (?, '英国', ?, 'branch1')", student,
					Date.valueOf(today.minusMonths(9)));
			jdbc.update("insert into member_contact (member_id, last_at, how) values (?, now() - interval '7 months', '微信联系')", student);
		});
	}
}
