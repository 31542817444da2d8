# Number of possible characters
NO_OF_CHARS = 256


# Function to check whether two strings are anagram of each other
def areAnagram(str1, str2):
    # If both strings are of different length, they cannot be anagrams
    if len(str1) != len(str2):
        return False
    # Create a count array and initialize all values as 0
    count = [0] * NO_OF_CHARS
    # Increment the count for characters of str1 and decrement it for characters of str2
    for i in range(len(str1)):
        count[ord(str1[i])] += 1
        count[ord(str2[i])] -= 1
    # See if there is any non-zero value in the count array
    for i in range(NO_OF_CHARS):
        if count[i] != 0:
            return False
    return True


# Driver code
str1 = "listen"
str2 = "silent"
if areAnagram(str1, str2):
    print("The two strings are anagram of each other")
else:
    print("The two strings are not anagram of each other")
str1 = "abcd"
str2 = "abce"
if areAnagram(str1, str2):
    print("The two strings are anagram of each other")
else:
    print("The two strings are not anagram of each other")
