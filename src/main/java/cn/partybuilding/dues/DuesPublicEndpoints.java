package cn.partybuilding.dues;

import java.util.List;

import org.springframework.stereotype.Component;

import cn.partybuilding.shared.PublicEndpoints;

/** Payment providers post their notifications without a session; the signature is their credential. */
@Component
class DuesPublicEndpoints implements PublicEndpoints {

	@Override
	public List<String> paths() {
		return List.of("/api/v1/dues/gateway/*/notify");
	}
}
