app_name = "inspections_staff"
urlpatterns: list = []
