"""The service-quality loop: stories of exceptional service, observation audits and review status."""
