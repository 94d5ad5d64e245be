package cn.partybuilding.account;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.session.Session;
import org.springframework.session.SessionRepository;
import org.springframework.session.jdbc.JdbcIndexedSessionRepository;

import cn.partybuilding.PlatformTest;

/** Two requests of one session adding the same attribute at once both save (they collided with a duplicate key). */
class SessionStoreTest extends PlatformTest {

	@Autowired
	JdbcIndexedSessionRepository sessions;

	@Test
	void twoRequestsOfOneSessionAddingTheSameNewAttributeBothSaveAndTheLaterWins() {
		race(sessions);
	}

	private static <S extends Session> void race(SessionRepository<S> sessions) {
		S session = sessions.createSession();
		session.setAttribute("signedIn", "yes");
		sessions.save(session);
		try {
			// each request loads the session before the other has written the attribute
			S first = sessions.findById(session.getId());
			S second = sessions.findById(session.getId());
			first.setAttribute("chosenOrganization", "1");
			second.setAttribute("chosenOrganization", "2");
			sessions.save(first);
			sessions.save(second);
			assertThat(sessions.findById(session.getId()).<String>getAttribute("chosenOrganization")).isEqualTo("2");
		}
		finally {
			sessions.deleteById(session.getId());
		}
	}
}
