package org.kamplanner;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
public class KamPlannerApplication {

    public static void main(String[] args) {
        SpringApplication.run(KamPlannerApplication.class, args);
    }
}
