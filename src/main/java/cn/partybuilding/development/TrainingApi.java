package cn.partybuilding.development;

import jakarta.validation.Valid;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import cn.partybuilding.shared.Caller;

/** JSON for 集中培训: a class recorded once by the 上级党委; a person's trainings and the hours step 11 takes. */
@RestController
class TrainingApi {

	private final Trainings trainings;

	TrainingApi(Trainings trainings) {
		this.trainings = trainings;
	}

	@PostMapping("/api/v1/development/trainings")
	@ResponseStatus(HttpStatus.CREATED)
	Trainings.TrainingView record(@Valid @RequestBody Trainings.NewTraining training) {
		return trainings.record(Caller.require(), training);
	}

	@GetMapping("/api/v1/development/people/{id}/trainings")
	Trainings.PersonTrainings of(@PathVariable long id) {
		return trainings.of(Caller.require(), id);
	}
}
