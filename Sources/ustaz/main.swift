print("ustaz")
