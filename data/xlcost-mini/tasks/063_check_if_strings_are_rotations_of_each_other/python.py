# Function to check if str2 is a rotation of str1
def areRotations(str1, str2):
    # The lengths of both strings must be the same
    if len(str1) != len(str2):
        return False
    # Create a temp string with value str1 concatenated with str1
    temp = str1 + str1
    # Now check if str2 is a substring of temp
    return temp.find(str2) != -1


# Driver code
str1 = "AACD"
for str2 in ["ACDA", "ACAD"]:
    if areRotations(str1, str2):
        print("Strings are rotations of each other")
    else:
        print("Strings are not rotations of each other")
