DB_PASSWORD = "hunter2-Prod!9x"
client_secret: str = "q7W!e9Rt#2yUi0Pz"
