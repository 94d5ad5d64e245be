package cn.partybuilding;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** 高校智慧党建平台: one modular monolith, one package per business capability. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class PartyBuildingApplication {

	public static void main(String[] args) {
		SpringApplication.run(PartyBuildingApplication.class, args);
	}
}
