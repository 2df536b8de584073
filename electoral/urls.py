app_name = "electoral"

urlpatterns: list = []
