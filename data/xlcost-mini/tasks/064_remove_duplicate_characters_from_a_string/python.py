# Function to remove the duplicate characters of a string, keeping the first occurrences
def removeDuplicate(s):
    # seen[c] becomes true once the character c has appeared
    seen = [False] * 256
    result = ""
    for i in range(len(s)):
        # Append the character only at its first occurrence
        if not seen[ord(s[i])]:
            seen[ord(s[i])] = True
            result += s[i]
    return result


# Driver code
s = "geeksforgeeks"
print(removeDuplicate(s))
s = "characters"
print(removeDuplicate(s))
