package cn.partybuilding.member;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.List;
import java.util.Optional;

import javax.sql.DataSource;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

import cn.partybuilding.PlatformTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A member's own record by their account: asked once in a read-only transaction (the phone home's cards ask it eight
 * times a page), asked every time in one that may write (a link made there is seen), and nothing kept after either.
 */
class MemberOfAccountTest extends PlatformTest {

	@Autowired
	MemberDirectory directory;

	@Autowired
	PlatformTransactionManager transactions;

	@Autowired
	DataSource dataSource;

	long memberId;

	long accountId;

	@BeforeEach
	void member1() {
		record Link(long memberId, long accountId) {
		}
		Link link = jdbc.sql("""
				select m.id as member_id, m.account_id from member m join account a on a.id = m.account_id
				where a.username = 'member1'""").query(Link.class).single();
		memberId = link.memberId();
		accountId = link.accountId();
	}

	@AfterEach
	void linkedAgain() throws Exception {
		link(accountId);
	}

	/** The link changed on a connection of its own, committed at once, as another request would. */
	void link(Long account) throws Exception {
		try (Connection other = dataSource.getConnection();
				PreparedStatement update = other.prepareStatement("update member set account_id = ? where id = ?")) {
			update.setObject(1, account);
			update.setLong(2, memberId);
			update.executeUpdate();
		}
	}

	@Test
	void inAReadOnlyTransactionTheFirstAnswerStandsAndTheNextTransactionAsksAgain() throws Exception {
		TransactionTemplate readOnly = new TransactionTemplate(transactions);
		readOnly.setReadOnly(true);
		List<Optional<Long>> answers = readOnly.execute(status -> {
			Optional<Long> first = directory.memberOfAccount(accountId);
			try {
				link(null);
			}
			catch (Exception ex) {
				throw new IllegalStateException(ex);
			}
			return List.of(first, directory.memberOfAccount(accountId));
		});
		assertThat(answers.get(0)).contains(memberId);
		assertThat(answers.get(1)).as("asked once in the transaction").contains(memberId);
		assertThat(TransactionSynchronizationManager.getResourceMap()).as("nothing kept after it").isEmpty();
		Optional<Long> next = readOnly.execute(status -> directory.memberOfAccount(accountId));
		assertThat(next).as("the next transaction asks again").isEmpty();
		assertThat(directory.memberOfAccount(accountId)).as("outside a transaction of the caller's").isEmpty();
	}

	@Test
	void inATransactionThatMayWriteEveryQuestionIsAsked() {
		List<Optional<Long>> answers = new TransactionTemplate(transactions).execute(status -> {
			Optional<Long> first = directory.memberOfAccount(accountId);
			jdbc.sql("update member set account_id = null where id = ?").param(memberId).update();
			return List.of(first, directory.memberOfAccount(accountId));
		});
		assertThat(answers.get(0)).contains(memberId);
		assertThat(answers.get(1)).as("the link taken away in the transaction is seen in it").isEmpty();
	}
}
