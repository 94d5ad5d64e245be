package cn.partybuilding.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.AvailabilityState;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.boot.health.contributor.Status;
import org.springframework.context.support.ResourceBundleMessageSource;

import cn.partybuilding.PlatformMessages;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/** Until start-up work (the demo) is done, nobody meets a half-loaded platform. */
class StartingUpTest {

	@Test
	void thePlatformIsNotReportedReadyBeforeItsStartUpWorkIsDone() throws Exception {
		StartingUp starting = new StartingUp(availability(ReadinessState.REFUSING_TRAFFIC), messages());
		assertThat(starting.health().getStatus()).isEqualTo(Status.OUT_OF_SERVICE);

		MockHttpServletResponse page = new MockHttpServletResponse();
		starting.doFilter(new MockHttpServletRequest("GET", "/login"), page,
				(request, response) -> { throw new AssertionError("the sign-in page was served while starting"); });
		assertThat(page.getStatus()).isEqualTo(503);
		assertThat(page.getHeader("Retry-After")).isEqualTo("5");
		assertThat(page.getContentAsString()).contains("平台正在启动");

		MockHttpServletResponse api = new MockHttpServletResponse();
		starting.doFilter(new MockHttpServletRequest("GET", "/api/v1/members"), api,
				(request, response) -> { throw new AssertionError("the API answered while starting"); });
		assertThat(api.getStatus()).isEqualTo(503);
		assertThat(api.getContentAsString()).startsWith("{\"status\":503");
	}

	@Test
	void onceReadyEveryRequestPassesAndHealthIsUp() throws Exception {
		StartingUp ready = new StartingUp(availability(ReadinessState.ACCEPTING_TRAFFIC), messages());
		assertThat(ready.health().getStatus()).isEqualTo(Status.UP);
		boolean[] passed = { false };
		ready.doFilter(new MockHttpServletRequest("GET", "/login"), new MockHttpServletResponse(),
				(request, response) -> passed[0] = true);
		assertThat(passed[0]).isTrue();
	}

	private static ResourceBundleMessageSource messages() {
		return PlatformMessages.load();
	}

	private static ApplicationAvailability availability(ReadinessState readiness) {
		return new ApplicationAvailability() {
			@Override
			public <S extends AvailabilityState> S getState(Class<S> stateType, S defaultState) {
				return stateType == ReadinessState.class ? stateType.cast(readiness) : defaultState;
			}

			@Override
			public <S extends AvailabilityState> S getState(Class<S> stateType) {
				return getState(stateType, null);
			}

			@Override
			public <S extends AvailabilityState> AvailabilityChangeEvent<S> getLastChangeEvent(
					Class<S> stateType) {
				return null;
			}
		};
	}
}
