# Function to check if a character is a vowel
def isVowel(ch):
    ch = ch.lower()
    return ch == "a" or ch == "e" or ch == "i" or ch == "o" or ch == "u"


# Function to count the vowels and the consonants in a string
def countVowelsConsonants(s):
    vowels = 0
    consonants = 0
    for i in range(len(s)):
        ch = s[i]
        # Only letters are vowels or consonants
        if ("a" <= ch <= "z") or ("A" <= ch <= "Z"):
            if isVowel(ch):
                vowels += 1
            else:
                consonants += 1
    print("Vowels:", vowels)
    print("Consonants:", consonants)


# Driver code
s = "Geeks for Geeks"
countVowelsConsonants(s)
